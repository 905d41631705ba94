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
