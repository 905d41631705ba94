/**
 * How an operation's time grows with its input, not how long it takes. A wall-clock bound in a test
 * fails on a loaded CI machine (one failed at 711 ms for ~50 ms of work); a ratio of two sizes measured
 * side by side does not. Four times the input costs about four times as much when the work is linear,
 * sixteen times when quadratic, so `< 9` tells them apart with room for noise. The best of five runs
 * of each size keeps a garbage-collection pause or a busy neighbour out of the ratio.
 */
export const LINEAR_AT_4X = 9;
const RUNS = 5;

async function bestOf(runs: number, work: () => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * The time of `work(large)` over the time of `work(small)`, best of five each, after a warm-up run of
 * each (a first call compiles a regular expression, a route, a code path). Synchronous or asynchronous.
 */
export async function growthRatio(
  work: (size: number) => unknown,
  small: number,
  large: number,
): Promise<number> {
  await work(small);
  await work(large);
  const smallMs = await bestOf(RUNS, () => work(small));
  const largeMs = await bestOf(RUNS, () => work(large));
  // A size too small to time would make the ratio noise: callers pick sizes that take milliseconds.
  return largeMs / Math.max(smallMs, 0.1);
}
