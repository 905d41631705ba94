/**
 * When the primary of `vmeste serve --workers N` starts another worker, and when it stops trying.
 *
 * A worker that crashes after serving for a while is replaced at once. A worker that fails at its
 * start (it exits before it listens: the port is taken, the database refuses it, the configuration
 * is wrong) or dies soon after is a "fast failure": the next start waits, twice as long each time,
 * and after `maxFastFailures` of them within `windowMs` the primary gives up and exits, so that a
 * supervisor (systemd, Kubernetes) sees a failed service instead of a primary that forks doomed
 * workers forever.
 */
export type RespawnLimits = {
  /** A worker that dies sooner than this after it started listening counts as a fast failure. */
  fastFailureMs: number;
  /** Fast failures older than this are forgotten. */
  windowMs: number;
  /** This many fast failures within the window: give up. */
  maxFastFailures: number;
  /** The wait before the start that follows the first fast failure; doubled for each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RESPAWN_LIMITS: RespawnLimits = {
  fastFailureMs: 5_000,
  windowMs: 120_000,
  maxFastFailures: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** How a worker ended: whether it ever listened, and for how long it lived after that (or at all). */
export type WorkerEnd = { listened: boolean; livedMs: number };

export type RespawnDecision =
  | { action: 'respawn'; delayMs: number }
  | { action: 'give_up'; fastFailures: number };

export class WorkerRespawnPolicy {
  private fastFailures: number[] = [];

  constructor(private readonly limits: RespawnLimits = DEFAULT_RESPAWN_LIMITS) {}

  get windowSeconds(): number {
    return Math.round(this.limits.windowMs / 1000);
  }

  decide(end: WorkerEnd, now: number): RespawnDecision {
    this.fastFailures = this.fastFailures.filter((at) => now - at < this.limits.windowMs);
    const fast = !end.listened || end.livedMs < this.limits.fastFailureMs;
    if (!fast) return { action: 'respawn', delayMs: 0 };
    this.fastFailures.push(now);
    const count = this.fastFailures.length;
    if (count >= this.limits.maxFastFailures) return { action: 'give_up', fastFailures: count };
    const delayMs = Math.min(this.limits.firstDelayMs * 2 ** (count - 1), this.limits.maxDelayMs);
    return { action: 'respawn', delayMs };
  }
}
