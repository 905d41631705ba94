import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { databaseFreeUnitTests } from './test/support/database-free.ts';
import { scaled } from './test/support/timeouts.ts';
import WaitingFilesFirst from './test/support/waiting-files-first.ts';

// On a database server the unit tests that touch no database are left to the embedded run of the same
// command (test/support/database-free.ts), and the run says so.
const leftToEmbeddedRun = process.env.DATABASE_URL
  ? databaseFreeUnitTests(fileURLToPath(new URL('.', import.meta.url)))
  : [];
if (leftToEmbeddedRun.length > 0)
  console.log(
    `[vmeste tests] ${leftToEmbeddedRun.length} unit test files under src/ touch no database: not run on this server (the embedded run, without DATABASE_URL, runs them)`,
  );

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', ...leftToEmbeddedRun],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // One process per worker for all its files: a fresh process per file re-imports the app and
    // recompiles PGlite's WebAssembly each time. Each file still gets its own app and database
    // (test/support/app.ts); module state is limited to pure caches.
    isolate: false,
    // Two workers even on two cores: a worker often waits (timers, loopback HTTP), the other runs.
    // VMESTE_TEST_WORKERS overrides it (.ci/run runs several suites side by side: docs/operations.md).
    maxWorkers: Number(process.env.VMESTE_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    // Hang detectors, stretched where the machine is shared (test/support/timeouts.ts).
    testTimeout: scaled(30_000),
    hookTimeout: scaled(120_000),
    // Each file's CPU time, for the slowest-files reporter.
    setupFiles: ['test/support/file-cpu.ts'],
    reporters: ['default', './test/support/slowest-files-reporter.ts'],
    // Files that mostly wait on processes they start go first (test/support/waiting-files-first.ts).
    sequence: { sequencer: WaitingFilesFirst },
  },
});
