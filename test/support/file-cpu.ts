import { afterAll, beforeAll } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** CPU time of the worker process while the file's hooks and tests ran (on PGlite its database's too), in ms. */
    cpuMs?: number;
  }
}

/**
 * A setup file: records each test file's CPU time in its metadata for the slowest-files reporter.
 * The suite runs on few cores, so a file's CPU (not its wall time, which waits for the other lanes)
 * says what it costs. A worker runs one file at a time, so the process's CPU from the file's first
 * hook to its last is the file's (its import before that is not counted, nor are the processes it
 * starts: servers, database servers).
 */
let started: NodeJS.CpuUsage | undefined;

beforeAll(() => {
  started = process.cpuUsage();
});

// biome-ignore lint/correctness/noEmptyPattern: Vitest reads the hook's first parameter (its context) only when destructured; the file is the second.
afterAll(({}, file) => {
  if (!started) return;
  const used = process.cpuUsage(started);
  file.meta.cpuMs = (used.user + used.system) / 1000;
});
