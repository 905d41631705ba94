import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leasedHit } from '../../src/modules/platform/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { rows } from '../support/reports.ts';

/**
 * An API client's per-minute limit counted in leases (src/modules/platform/leased-hit.ts): a node
 * takes a hundredth of the limit from the shared counter at once, so a busy client's requests do not
 * all queue on the counter's row; a small limit is still counted one by one.
 */
describe('rate limits counted in leases', () => {
  let t: TestApp;
  const minute = 60_000;
  const at = new Date('2026-03-02T09:00:00Z');
  const stored = async (key: string) =>
    Number(
      (await rows<{ n: number }>(t, sql`SELECT count AS n FROM rate_limits WHERE key = ${key}`))[0]?.n ?? 0,
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets exactly the limit through in a window, takes the shared count in blocks, and starts again', async () => {
    const key = 'test:leased';
    const counts: number[] = [];
    for (let i = 0; i < 1005; i++) counts.push((await leasedHit(t.database.db, key, minute, at, 1000)).count);
    // Numbered 1, 2, … as if counted one by one: the first 1,000 pass, the rest are over the limit.
    expect(counts).toEqual(Array.from({ length: 1005 }, (_, i) => i + 1));
    expect(counts.filter((c) => c <= 1000)).toHaveLength(1000);
    // The shared row moved in blocks of ten: 101 statements instead of 1,005.
    expect(await stored(key)).toBe(1010);
    // A second node (leases are kept per database handle): its lease starts after what this one took.
    const other = { ...t.database.db } as typeof t.database.db;
    Object.setPrototypeOf(other, Object.getPrototypeOf(t.database.db));
    expect((await leasedHit(other, key, minute, at, 1000)).count).toBe(1011);
    // The next window: counting starts again.
    const later = new Date(at.getTime() + minute);
    expect((await leasedHit(t.database.db, key, minute, later, 1000)).count).toBe(1);
  });

  it('counts a limit under 200 a minute exactly', async () => {
    const key = 'test:exact';
    for (let i = 1; i <= 5; i++) expect((await leasedHit(t.database.db, key, minute, at, 60)).count).toBe(i);
    expect(await stored(key)).toBe(5);
  });
});
