import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { urlInRepo } from '../../lib/repo-root.ts';
import type { OpinionResult } from './opinion-map.compute.ts';

/** The vote matrix as typed arrays (cheap to hand to a worker thread): one entry per vote. */
export type MatrixTransfer = {
  participants: number;
  statements: number;
  participantIdx: Int32Array;
  statementIdx: Int32Array;
  vote: Int8Array;
  minParticipants: number;
};

const WORKER_TIMEOUT_MS = 120_000;

/**
 * The platform runs TypeScript through tsx; a worker thread starts without it, so it is given a
 * small bootstrap that registers tsx's loader and then loads the worker module.
 */
function bootstrapUrl(): URL {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = urlInRepo('src/modules/discussions/opinion-map.worker.ts').href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Computes an opinion map in a worker thread, so request handling never waits for the linear algebra. */
export function computeInWorker(matrix: MatrixTransfer): Promise<OpinionResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrapUrl(), { workerData: matrix });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('opinion map computation timed out'));
    }, WORKER_TIMEOUT_MS);
    worker.once('message', (result: OpinionResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
