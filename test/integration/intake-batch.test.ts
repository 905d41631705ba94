import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type TestApp } from '../support/app.ts';
import { categoryIdCached, postReport, rows } from '../support/reports.ts';

describe('intake of concurrent reports (batched into shared statements)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives each concurrent request its own outcome: good ones filed, bad ones refused, retries deduplicated', async () => {
    const resident = await newResident(t.app);
    const topic = await categoryIdCached(t, 'lighting');
    const requests = [
      ...Array.from({ length: 20 }, (_, i) =>
        postReport(t, resident, { text: `Не горит фонарь у дома ${i + 1}` }),
      ),
      postReport(t, resident, { text: 'Точка в Москве, а не в Петербурге', lat: 55.75, lon: 37.62 }),
      postReport(t, resident, { text: 'Раздел вместо подкатегории', categoryId: topic }),
      postReport(t, resident, { text: 'Повтор с тем же ключом' }, { 'idempotency-key': 'batch-same-key-1' }),
      postReport(t, resident, { text: 'Повтор с тем же ключом' }, { 'idempotency-key': 'batch-same-key-1' }),
    ];
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(responses[20]!.json().error.code).toBe('point_outside_region');
    expect(responses[21]!.json().error.code).toBe('category_not_selectable');
    // The same request twice at once: one report; the other answer is the same report.
    const [a, b] = [responses[22]!, responses[23]!];
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const numbers = responses.slice(0, 20).map((r) => r.json().number as number);
    expect(new Set(numbers).size).toBe(20);

    const filed = await rows<{ n: number; events: number; audits: number }>(
      t,
      sql`SELECT count(*)::int AS n,
            (SELECT count(*)::int FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.author_id = ${resident.userId}) AS events,
            (SELECT count(*)::int FROM audit_log WHERE actor_id = ${resident.userId} AND action = 'report.submit') AS audits
          FROM reports WHERE author_id = ${resident.userId}`,
    );
    expect(filed[0]).toEqual({ n: 21, events: 21, audits: 21 });
  });
});
