import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPAWN_LIMITS, WorkerRespawnPolicy } from './worker-respawn.ts';

const limits = { ...DEFAULT_RESPAWN_LIMITS, maxFastFailures: 4, windowMs: 60_000 };
const failedAtStart = { listened: false, livedMs: 300 };

describe('WorkerRespawnPolicy', () => {
  it('waits twice as long after each fast failure, up to the cap, then gives up', () => {
    const policy = new WorkerRespawnPolicy({ ...limits, maxDelayMs: 3_000 });
    expect(policy.decide(failedAtStart, 0)).toEqual({ action: 'respawn', delayMs: 1_000 });
    expect(policy.decide(failedAtStart, 1_000)).toEqual({ action: 'respawn', delayMs: 2_000 });
    expect(policy.decide(failedAtStart, 3_000)).toEqual({ action: 'respawn', delayMs: 3_000 });
    expect(policy.decide(failedAtStart, 6_000)).toEqual({ action: 'give_up', fastFailures: 4 });
  });

  it('counts a worker that dies soon after listening as a fast failure, not one that served for long', () => {
    const policy = new WorkerRespawnPolicy(limits);
    expect(policy.decide({ listened: true, livedMs: 600_000 }, 0)).toEqual({ action: 'respawn', delayMs: 0 });
    expect(policy.decide({ listened: true, livedMs: 1_000 }, 10)).toEqual({
      action: 'respawn',
      delayMs: 1_000,
    });
    // A crash after long service does not reset the count, nor add to it.
    expect(policy.decide({ listened: true, livedMs: 600_000 }, 20)).toEqual({
      action: 'respawn',
      delayMs: 0,
    });
    expect(policy.decide(failedAtStart, 30)).toEqual({ action: 'respawn', delayMs: 2_000 });
  });

  it('forgets fast failures older than the window', () => {
    const policy = new WorkerRespawnPolicy(limits);
    for (const at of [0, 1_000, 2_000]) expect(policy.decide(failedAtStart, at).action).toBe('respawn');
    // A minute later the three are forgotten: this is the first of a new series.
    expect(policy.decide(failedAtStart, 62_500)).toEqual({ action: 'respawn', delayMs: 1_000 });
  });
});
