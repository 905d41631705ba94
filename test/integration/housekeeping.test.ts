import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/jobs/housekeeping.job.ts';
import { DAY_MS } from '../../src/lib/clock.ts';
import { createTestApp, newResident, type TestApp } from '../support/app.ts';
import { plainJpeg, upload } from '../support/media.ts';
import { fileReport, rows } from '../support/reports.ts';

describe('housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const housekeeping = () =>
    runHousekeeping({ db: t.app.ctx.db, clock: t.clock, storage: t.app.ctx.storage });
  const mediaCount = async (id: string) =>
    (await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM media WHERE id = ${id}`))[0]?.n;

  it('removes uploads never attached after a day, keeps attached and fresh ones, and is idempotent', async () => {
    const resident = await newResident(t.app);
    const orphan = await upload(t, resident, await plainJpeg());
    const attached = await upload(t, resident, await plainJpeg());
    await fileReport(t, resident, { mediaIds: [attached.id] });
    t.clock.advance(2 * DAY_MS);
    const fresh = await upload(t, resident, await plainJpeg());

    const result = await housekeeping();
    expect(result.orphanMedia).toBe(1);
    expect(await mediaCount(orphan.id)).toBe(0);
    expect(await mediaCount(attached.id)).toBe(1);
    expect(await mediaCount(fresh.id)).toBe(1);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/media/${orphan.id}`,
      headers: resident.headers,
    });
    expect(gone.statusCode).toBe(404);
    const kept = await t.app.inject({
      method: 'GET',
      url: `/api/v1/media/${attached.id}`,
      headers: resident.headers,
    });
    expect(kept.statusCode).toBe(200);
    expect((await housekeeping()).orphanMedia).toBe(0);
    t.clock.advance(-2 * DAY_MS);
  });

  it('deletes expired sessions', async () => {
    const resident = await newResident(t.app);
    const count = async () =>
      (
        await rows<{ n: number }>(
          t,
          sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${resident.userId}`,
        )
      )[0]?.n;
    expect(await count()).toBe(1);
    t.clock.advance(31 * DAY_MS);
    await housekeeping();
    expect(await count()).toBe(0);
    t.clock.advance(-31 * DAY_MS);
  });
});
