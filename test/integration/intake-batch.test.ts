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

  it('stores each given value in its own column, and answers with the row as stored (same as reading it back)', async () => {
    // Distinct values in every text column the statement fills from the request: a swapped pair of
    // same-typed columns (text/address, idempotency key/request hash) would show here.
    const resident = await newResident(t.app);
    const filed = await postReport(
      t,
      resident,
      { text: 'Текст сообщения: яма во дворе', address: 'Адрес: Невский проспект, 1', isPublic: false },
      { 'idempotency-key': 'columns-key-1' },
    );
    expect(filed.statusCode).toBe(201);
    const created = filed.json();
    const [stored] = await rows<Record<string, unknown>>(
      t,
      sql`SELECT kind, status, text, address, is_public, author_id, category_id, idempotency_key, request_hash,
            territory_id, created_at = updated_at AS same_times
          FROM reports WHERE id = ${created.id}`,
    );
    expect(stored).toMatchObject({
      kind: 'report',
      status: 'submitted',
      text: 'Текст сообщения: яма во дворе',
      address: 'Адрес: Невский проспект, 1',
      is_public: false,
      author_id: resident.userId,
      category_id: created.category.id,
      idempotency_key: 'columns-key-1',
      territory_id: created.territory.id,
      same_times: true,
    });
    expect(stored!.request_hash).toMatch(/^[0-9a-f]{64}$/);

    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${created.id}`,
      headers: resident.headers,
    });
    const { similar: _similar, ...createdWithoutSimilar } = created;
    const { similar: _none, ...readWithoutSimilar } = read.json();
    expect(createdWithoutSimilar).toEqual(readWithoutSimilar);
  });
});
