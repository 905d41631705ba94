import { defineConfig } from 'vitest/config';

/** End-to-end tests: the real server and Chromium, one file at a time (each starts its own server). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
