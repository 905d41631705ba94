import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo, repoRoot } from './repo-root.ts';

/** Every .ts file under a directory, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('files found from the repository root', () => {
  it('is the directory that holds package.json and the migrations', () => {
    expect(JSON.parse(readFileSync(fromRepo('package.json'), 'utf8')).name).toBe('vmeste');
    expect(readdirSync(fromRepo('migrations')).some((f) => f.endsWith('.sql'))).toBe(true);
  });

  // The test runs start servers from a one-file bundle, where every module's import.meta.url is the
  // bundle's: a path taken relative to it would point beside the bundle (CONTRIBUTING.md).
  it('is how the app names its files: import.meta.url serves only package resolution', () => {
    const allowed = [
      /createRequire\(import\.meta\.url\)/g,
      // A script's own "am I the entry point" check (src/db/strip-schema.ts, never bundled).
      /import\.meta\.url === `file:\/\/\$\{process\.argv\[1\]\}`/g,
    ];
    const offenders = sources(path.join(repoRoot, 'src'))
      .filter((file) => file !== fromRepo('src/lib/repo-root.ts'))
      .flatMap((file) => {
        const text = allowed.reduce((t, pattern) => t.replace(pattern, ''), readFileSync(file, 'utf8'));
        return text.includes('import.meta.url') ? [path.relative(repoRoot, file)] : [];
      });
    expect(offenders).toEqual([]);
  });
});
