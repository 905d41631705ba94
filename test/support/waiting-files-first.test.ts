import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { WAITING_FILES } from './waiting-files-first.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A renamed file would silently fall back to Vitest's own order (last, alone, on a fresh clone).
it('names test files that exist', () => {
  expect(WAITING_FILES.filter((f) => !existsSync(path.join(repoRoot, f)))).toEqual([]);
});
