import { defineConfig } from 'vitest/config';
import { scaled } from '../support/timeouts.ts';

/**
 * End-to-end tests: the real server and Chromium. Each file starts its own server on its own copy of
 * the seeded data directory (test/e2e/harness.ts), so files may run side by side: two at a time by
 * default, as a file spends much of its time waiting on the browser and the server in turn.
 * VMESTE_E2E_WORKERS=1 runs one file at a time, as do runs where every file shares one server or
 * one database (VMESTE_E2E_URL, VMESTE_E2E_DATABASE_URL).
 */
const shared = Boolean(process.env.VMESTE_E2E_URL || process.env.VMESTE_E2E_DATABASE_URL);
const workers = shared ? 1 : Math.max(1, Number(process.env.VMESTE_E2E_WORKERS ?? 2));

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // A failed test prints what its browser pages showed.
    setupFiles: ['test/e2e/failure-report.ts'],
    pool: 'forks',
    // One process per worker for all its files (each file still starts its own server and browser):
    // a fresh process per file imported Playwright and the harness again, 2–6 s a file in CI.
    isolate: false,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // Hang detectors, stretched where the machine is shared (test/support/timeouts.ts).
    testTimeout: scaled(240_000),
    hookTimeout: scaled(240_000),
    reporters: ['default', './test/support/slowest-files-reporter.ts'],
  },
});
