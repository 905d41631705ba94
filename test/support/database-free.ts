import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a unit test imports or names when it reaches a database: the test database and app helpers,
 * the engine switch, the app's connection module, or the variable that picks the engine.
 */
const DATABASE_MARKERS = [
  /test\/support\/(app|template|pglite-base|suite-engine|citus)\.ts['"]/,
  /\/connection\.ts['"]/,
  /\bDATABASE_URL\b/,
];

/** True when a test file's text shows no way to a database (DATABASE_MARKERS). */
export function touchesNoDatabase(source: string): boolean {
  return !DATABASE_MARKERS.some((marker) => marker.test(source));
}

function testFilesUnder(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFilesUnder(full, root);
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/**
 * The unit tests under src/ that touch no database, as paths relative to `root`. Their outcome cannot
 * depend on the engine, so the suite's run on a database server (DATABASE_URL: PostgreSQL, and the
 * CI's Citus lane, which runs test/ only) leaves them to the embedded run of the same command, which
 * runs every file: the CI runs the suites side by side on two cores, and repeating ~50 engine-free
 * files cost each server run ~40 s of CPU (docs/performance.md, "CI in the twenty-ninth session").
 * Vitest prints the number left out (vitest.config.ts), so it is never a silent skip.
 */
export function databaseFreeUnitTests(root: string): string[] {
  return testFilesUnder(path.join(root, 'src'), root).filter((file) =>
    touchesNoDatabase(readFileSync(path.join(root, file), 'utf8')),
  );
}
