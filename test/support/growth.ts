/**
 * How an operation's time grows with its input, not how long it takes. A wall-clock bound in a test
 * fails on a loaded CI machine (one failed at 711 ms for ~50 ms of work); a ratio of two sizes measured
 * side by side does not. Eight times the input costs about eight times as much when the work is
 * linear, sixty-four times when quadratic, so `< 20` tells them apart with room for noise on both
 * sides (a quiet machine measured up to 8 for 4× the input once, where 4 was usual).
 */
export const LINEAR_AT_8X = 20;

const RUNS = 5;
/** A timed run shorter than this would measure the timer's granularity more than the work. */
const RUN_MS = 5;

/**
 * The time of `work(large)` over the time of `work(small)`. The work is repeated as often as it
 * takes for one run of the small size to last RUN_MS (the first runs also warm it up: a first call
 * compiles a regular expression, a route, a code path); then the two sizes run in turns, five times
 * each, so a busy moment of the machine falls on both alike, and the best of each is compared.
 * Synchronous or asynchronous work.
 */
export async function growthRatio(
  work: (size: number) => unknown,
  small: number,
  large: number,
): Promise<number> {
  // This process's CPU time, not the clock: on a machine busier than its cores the clock also counts
  // the turns other processes take, which a short run often escapes and a long one never does (a
  // test under four parallel suites measured 44 for 8 by the clock).
  const timed = async (size: number, times: number) => {
    const started = process.cpuUsage();
    for (let i = 0; i < times; i++) await work(size);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  await timed(large, 1);
  let times = 1;
  while (times < 100_000 && (await timed(small, times)) < RUN_MS) times *= 2;
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    smallMs = Math.min(smallMs, await timed(small, times));
    largeMs = Math.min(largeMs, await timed(large, times));
  }
  return largeMs / smallMs;
}
