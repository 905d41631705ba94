import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTAL_CAP } from '../../src/modules/reports/report-list.repo.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { listReports, rows } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * A map box's total (report-list.repo.ts, countCapped): exact under the cap, "more than" at it, and
 * only what the reader may see — whichever index the capped count walks the box through.
 */
describe("a map box's total", () => {
  let t: TestApp;
  let author: Session;
  // A corner of the region no other test file's reports reach, and a grid of points inside it.
  const lon = 30.05;
  const lat = 60.02;

  async function insert(n: number, o: { isPublic: boolean; step: number }) {
    const [category] = await rows<{ id: string }>(
      t,
      sql`SELECT id FROM categories WHERE parent_id IS NOT NULL AND is_active ORDER BY code LIMIT 1`,
    );
    await rows(
      t,
      sql`INSERT INTO reports (kind, status, category_id, text, location, author_id, is_public, created_at, updated_at)
          SELECT 'report', 'accepted', ${category!.id}, 'Яма на дороге',
            ST_SetSRID(ST_MakePoint(${lon}::float8 + (g % 40) * ${o.step}::float8, ${lat}::float8 + (g / 40) * ${o.step}::float8), 4326),
            ${author.userId}, ${o.isPublic}, now() - g * interval '1 minute', now()
          FROM generate_series(0, ${n - 1}) g RETURNING id`,
    );
  }

  const total = async (box: number[], who: Session | null = null) => {
    const res = await listReports(t, who, `bbox=${box.join(',')}&pageSize=5`);
    expect(res.statusCode, res.body).toBe(200);
    const { total, totalIsExact } = res.json() as { total: number; totalIsExact: boolean };
    return { total, totalIsExact };
  };

  beforeAll(async () => {
    t = await createTestApp();
    author = await newResident(t.app);
    // 1,040 public reports on a 40 × 26 grid 0.0001° apart, and 30 private ones among them.
    await insert(TOTAL_CAP + 40, { isPublic: true, step: 0.0001 });
    await insert(30, { isPublic: false, step: 0.0001 });
  }, scaled(120_000));

  afterAll(() => t.close());

  it('says "more than" when the box holds more than the cap', async () => {
    expect(await total([lon - 0.001, lat - 0.001, lon + 0.01, lat + 0.01])).toEqual({
      total: TOTAL_CAP,
      totalIsExact: false,
    });
  });

  it('counts exactly under the cap, the private reports for their author only', async () => {
    // The first row of the grid, x = 0…39 at y = 0: 40 public reports and 30 private ones.
    const row = [lon - 0.00005, lat - 0.00005, lon + 0.00395, lat + 0.00005];
    expect(await total(row)).toEqual({ total: 40, totalIsExact: true });
    expect(await total(row, author)).toEqual({ total: 70, totalIsExact: true });
  });
});
