import type { Executor } from '../../db/connection.ts';
import { perDatabase } from '../../lib/ttl-cache.ts';
import { hit } from './rate-limit.repo.ts';

/**
 * A high per-minute limit counted in leases: a node takes a block of hits from the shared counter in
 * one statement (a hundredth of the limit) and hands them out itself until the block or the window
 * ends. Counting every request of a busy API client in PostgreSQL made all of them queue on the
 * counter's one row (1 ms a request at concurrency 16, more than the list it guarded). What a node
 * leased and did not use still counts, so a client may get up to a hundredth of its limit less per
 * node and window; limits under 200 a minute are counted one by one, exactly.
 */
type Lease = { next: number; last: number; windowStart: Date; windowEnd: number };

const leases = perDatabase(() => new Map<string, Lease>());

export async function leasedHit(
  exec: Executor,
  key: string,
  windowMs: number,
  now: Date,
  limit: number,
): Promise<{ count: number; windowStart: Date }> {
  const block = Math.floor(limit / 100);
  if (block < 2) return hit(exec, key, windowMs, now);
  const mine = leases.of(exec);
  let lease = mine.get(key);
  if (!lease || lease.next > lease.last || now.getTime() >= lease.windowEnd) {
    const { count, windowStart } = await hit(exec, key, windowMs, now, block);
    lease = {
      next: count - block + 1,
      last: count,
      windowStart,
      windowEnd: windowStart.getTime() + windowMs,
    };
    mine.set(key, lease);
  }
  return { count: lease.next++, windowStart: lease.windowStart };
}
