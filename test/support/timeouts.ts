/**
 * The suites' time-outs are hang detectors, not speed checks (speed lives in `npm run bench`). Where
 * the machine is shared they stretch: .ci/run sets VMESTE_TEST_TIMEOUT_SCALE=3, as four suites run side
 * by side on two cores there. vitest.config.ts stretches the defaults; a test or a wait that gives its
 * own budget wraps it in `scaled`.
 */
export const TIMEOUT_SCALE = Math.max(1, Number(process.env.VMESTE_TEST_TIMEOUT_SCALE) || 1);

export function scaled(ms: number): number {
  return ms * TIMEOUT_SCALE;
}

/**
 * Polls `probe` until it gives a value (not undefined), for at most `budgetMs` stretched as above:
 * for what happens after a request has been answered (a letter sent, a job run, a stream closed).
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  budgetMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const end = Date.now() + scaled(budgetMs);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`not within ${scaled(budgetMs)} ms: ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
