import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

/**
 * The Citus run (.ci/citus.sh): the integration suite, one distributed schema per file, plus the
 * checks that only mean something on a Citus cluster (test/citus/*.citus.ts, never run elsewhere).
 */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts', 'test/citus/**/*.citus.ts'],
  },
});
