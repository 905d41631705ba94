import { defineConfig } from 'vitest/config';

/** End-to-end tests: the real server and Chromium, one file at a time (each starts its own server). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 240_000,
    reporters: ['default', './test/support/slowest-files-reporter.ts'],
  },
});
