/**
 * How an operation's time grows with its input, not how long it takes. A wall-clock bound in a test
 * fails on a loaded CI machine (one failed at 711 ms for ~50 ms of work); a ratio of two sizes measured
 * side by side does not. Four times the input costs about four times as much when the work is linear,
 * sixteen times when quadratic, so `< 9` tells them apart with room for noise.
 */
export const LINEAR_AT_4X = 9;

const RUNS = 7;

/**
 * The time of `work(large)` over the time of `work(small)`, after a warm-up run of each (a first call
 * compiles a regular expression, a route, a code path). The two sizes run in turns, seven times each,
 * so a busy moment of the machine falls on both alike, and the best of each is compared.
 * Synchronous or asynchronous work.
 */
export async function growthRatio(
  work: (size: number) => unknown,
  small: number,
  large: number,
): Promise<number> {
  const timed = async (size: number) => {
    const started = performance.now();
    await work(size);
    return performance.now() - started;
  };
  await timed(small);
  await timed(large);
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    smallMs = Math.min(smallMs, await timed(small));
    largeMs = Math.min(largeMs, await timed(large));
  }
  // A size too small to time would make the ratio noise: callers pick sizes that take milliseconds.
  return largeMs / Math.max(smallMs, 0.1);
}
