import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoKnowledge } from '../../src/db/seed/demo-knowledge.ts';
import { DEMO_ARTICLES } from '../../src/demo/knowledge-articles.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { searchArticles } from '../support/knowledge.ts';
import { rows } from '../support/reports.ts';

describe('the demo knowledge base and directory', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const map = async (query: ReturnType<typeof sql>) =>
      new Map((await rows<{ k: string; id: string }>(t, query)).map((r) => [r.k, r.id]));
    await seedDemoKnowledge(
      t.app.ctx.db,
      {
        territories: await map(sql`SELECT code AS k, id FROM territories`),
        categories: await map(sql`SELECT code AS k, id FROM categories`),
        organisations: await map(sql`SELECT code AS k, id FROM organisations`),
        users: await map(sql`SELECT email AS k, id FROM users`),
      },
      new Date('2026-03-02T09:00:00Z'),
    );
  });
  afterAll(() => t.close());

  it('publishes thirty articles in Russian, each with its English translation and a review date', async () => {
    const counts = await rows<{ locale: string; n: number; translated: number; reviewed: number }>(
      t,
      sql`SELECT locale, count(*)::int AS n, count(translation_of)::int AS translated,
            count(review_by)::int AS reviewed
          FROM knowledge_articles WHERE status = 'published' GROUP BY locale ORDER BY locale`,
    );
    expect(DEMO_ARTICLES).toHaveLength(30);
    expect(counts).toEqual([
      { locale: 'en', n: 30, translated: 30, reviewed: 30 },
      { locale: 'ru', n: 30, translated: 0, reviewed: 30 },
    ]);
  });

  it.each([
    ['отключили горячую воду', 'Отключение горячего водоснабжения летом'],
    ['протечка крыши', 'Протекает кровля'],
    ['атопление холодные батареи', 'Отопление: батареи едва тёплые'],
    ['в парадной не убирают', 'Парадная: уборка, свет и ремонт'],
    ['лифт сломался', 'Не работает лифт'],
    ['сасульки', 'Сосульки и наледь на крышах'],
    ['hot water outage', 'Summer hot water outages'],
  ])('finds «%s» → «%s» among the demo articles', async (q, title) => {
    const items = await searchArticles(t, q, '&limit=3');
    expect(items[0]?.title, JSON.stringify(items.map((i) => i.title))).toBe(title);
  });

  it('gives every demo organisation a weekly schedule', async () => {
    const [{ missing }] = (await rows<{ missing: number }>(
      t,
      sql`SELECT count(*)::int AS missing FROM organisations o
          LEFT JOIN organisation_profiles p ON p.organisation_id = o.id
          WHERE p.organisation_id IS NULL OR jsonb_array_length(p.hours) = 0`,
    )) as [{ missing: number }];
    expect(missing).toBe(0);
  });
});
