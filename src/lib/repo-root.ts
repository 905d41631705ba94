import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The repository's root, for the files the app reads or starts by path: migrations, the web build,
 * bundled data, worker and child-process scripts. Taken two levels above this file, which holds in
 * the source tree (src/lib/) and in the one-file server bundle the test runs start
 * (build/<run>/main.mjs: test/support/server-bundle.ts). A path relative to a module's own
 * `import.meta.url` would not: in the bundle every module's is the bundle's.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A path inside the repository, given from its root (`fromRepo('migrations')`). */
export const fromRepo = (...parts: string[]): string => path.join(repoRoot, ...parts);

/** The same, as a file URL. */
export const urlInRepo = (...parts: string[]): URL => pathToFileURL(fromRepo(...parts));
