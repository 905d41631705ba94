import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClustersQuery } from '../../src/modules/analytics/analytics.schemas.ts';
import { generateDataset, rebuildAll, refreshAnalytics } from '../../src/modules/analytics/index.ts';
import { getClusters, getHeat, type MapSource } from '../../src/modules/analytics/map.service.ts';
import type { Actor } from '../../src/modules/identity/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { fileReport, rows } from '../support/reports.ts';

/**
 * The map's grid roll-up (docs/analytics.md "The map") against the raw query over the reports: the
 * same cells with the same counts, ids and statuses, for every viewer, filter and zoom the roll-up
 * serves, before and after the refresh job folds in new events.
 */
describe('analytics: the map roll-up gives the raw query’s clusters', () => {
  let t: TestApp;
  let author: Session;
  const actors: Record<string, Actor | null> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    author = await newResident(t.app);
    const now = t.clock.now();
    await generateDataset(t.database.db, {
      count: 2000,
      from: new Date('2025-03-01T00:00:00Z'),
      to: now,
      now,
      seed: 11,
    });
    await rebuildAll({ db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar });
    const [x] = await rows<{
      author_id: string;
      organisation_id: string;
      territory_id: string;
      district: string;
      topic_id: string;
      subject_id: string;
    }>(
      t,
      // The author of a private report (so their unlisted reports are theirs alone to see), an
      // organisation, a district and its region, a topic and a subject from the data set.
      sql`SELECT r.author_id, r.organisation_id, tr.parent_id AS territory_id, r.territory_id AS district,
                 c.parent_id AS topic_id, r.category_id AS subject_id
          FROM reports r JOIN categories c ON c.id = r.category_id JOIN territories tr ON tr.id = r.territory_id
          WHERE NOT r.is_public AND r.organisation_id IS NOT NULL AND c.parent_id IS NOT NULL
          ORDER BY r.number LIMIT 1`,
    );
    Object.assign(ids, {
      organisation: x!.organisation_id,
      region: x!.territory_id,
      district: x!.district,
      topic: x!.topic_id,
      subject: x!.subject_id,
    });
    actors.visitor = null;
    actors.analyst = { id: x!.author_id, role: 'analyst', organisationId: null, territoryId: null };
    actors.resident = { id: x!.author_id, role: 'resident', organisationId: null, territoryId: null };
    actors.operator = {
      id: x!.author_id,
      role: 'operator',
      organisationId: x!.organisation_id,
      territoryId: null,
    };
    actors.curator = { id: x!.author_id, role: 'curator', organisationId: null, territoryId: x!.district };
  });
  afterAll(() => t.close());

  const CITY = { west: 29.4, south: 59.6, east: 30.8, north: 60.3 };
  // Viewports whose edges cut through the city at several zooms, and one smaller than a base cell.
  const views: [ClustersQuery['bbox'], number][] = [
    [CITY, 9],
    [CITY, 11],
    [{ west: 30.2, south: 59.85, east: 30.5, north: 60.0 }, 12],
    [{ west: 30.25, south: 59.9, east: 30.4, north: 59.97 }, 13],
    [{ west: 30.3, south: 59.92, east: 30.36, north: 59.95 }, 15],
    [{ west: 30.331, south: 59.931, east: 30.333, north: 59.932 }, 15],
  ];

  type Feature = { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };
  const normal = (features: Feature[]) =>
    features
      .map((f) => ({
        count: f.properties.count,
        id: f.properties.id ?? null,
        status: f.properties.status ?? null,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
      }))
      .sort((a, b) => Number(a.count) - Number(b.count) || a.lon - b.lon || a.lat - b.lat);

  async function same(actor: Actor | null, q: ClustersQuery, label: string): Promise<number> {
    const now = t.clock.now();
    const run = (source: MapSource) => getClusters(t.database.db, actor, q, now, source);
    const [auto, raw] = [await run('auto'), await run('raw')];
    expect(auto.total, label).toBe(raw.total);
    const [a, r] = [normal(auto.features), normal(raw.features)];
    expect(a.length, label).toBe(r.length);
    a.forEach((f, i) => {
      const g = r[i]!;
      expect({ count: f.count, id: f.id, status: f.status }, label).toEqual({
        count: g.count,
        id: g.id,
        status: g.status,
      });
      expect(Math.abs(f.lon - g.lon), label).toBeLessThan(1e-5);
      expect(Math.abs(f.lat - g.lat), label).toBeLessThan(1e-5);
    });
    return raw.total;
  }

  async function compareAll(): Promise<void> {
    const filters: [string, Partial<ClustersQuery>][] = [
      ['none', {}],
      ['status', { status: ['in_progress', 'answered'] }],
      ['topic', { categoryId: ids.topic }],
      ['subject', { categoryId: ids.subject }],
      ['region', { territoryId: ids.region }],
      ['district + status', { territoryId: ids.district, status: ['resolved', 'closed', 'answered'] }],
      ['organisation', { organisationId: ids.organisation }],
    ];
    for (const [who, actor] of Object.entries(actors)) {
      for (const [bbox, zoom] of views) {
        for (const [name, f] of filters) {
          // Every viewer for the grains without a filter, by status and by topic (the listed rows).
          if (who !== 'analyst' && !['none', 'status', 'topic'].includes(name)) continue;
          await same(actor, { bbox, zoom, ...f }, `${who} z${zoom} ${name} ${JSON.stringify(bbox)}`);
        }
      }
    }
  }

  it('the generated set fills the viewports, and the roll-up holds every report once per grain, the topic grain by topic', async () => {
    const total = await same(actors.analyst!, { bbox: CITY, zoom: 9 }, 'city');
    expect(total).toBe(2000);
    const [g] = await rows<{ g0: number; g1: number; g2: number; g3: number }>(
      t,
      sql`SELECT sum(n) FILTER (WHERE grain = 0)::int AS g0, sum(n) FILTER (WHERE grain = 1)::int AS g1,
                 sum(n) FILTER (WHERE grain = 2)::int AS g2, sum(n) FILTER (WHERE grain = 3)::int AS g3
          FROM analytics_map_cells`,
    );
    expect(g).toEqual({ g0: 2000, g1: 2000, g2: 2000, g3: 2000 });
    // The topic grain keys each row by a topic, never by a subject.
    const [subjects] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM analytics_map_cells m JOIN categories c ON c.id = m.category_id
          WHERE m.grain = 3 AND c.parent_id IS NOT NULL`,
    );
    expect(subjects!.n).toBe(0);
  });

  it('equals the raw query for every viewer, filter and zoom', async () => {
    await compareAll();
  });

  it('the heat layer equals the raw query too', async () => {
    const now = t.clock.now();
    for (const [bbox, zoom] of views.filter(([, z]) => z <= 13)) {
      const q = { bbox, zoom };
      const auto = await getHeat(t.database.db, actors.visitor!, q, now, 'auto');
      const raw = await getHeat(t.database.db, actors.visitor!, q, now, 'raw');
      const key = (p: number[]) => p[2]!;
      expect(auto.points.map(key).sort(), `heat z${zoom}`).toEqual(raw.points.map(key).sort());
    }
  });

  it('stays equal after the refresh job folds in new reports, moves and status changes', async () => {
    await fileReport(t, author, { lat: 59.9311, lon: 30.3322 });
    await fileReport(t, author, { lat: 59.94, lon: 30.31, isPublic: false });
    // A report moves across the city and another changes status and subject, each with its event.
    const [moved, changed] = await rows<{ id: string }>(
      t,
      sql`SELECT id FROM reports WHERE status = 'in_progress' ORDER BY number LIMIT 2`,
    );
    await t.database.db.execute(
      sql`UPDATE reports SET location = ST_SetSRID(ST_MakePoint(30.45, 59.88), 4326) WHERE id = ${moved!.id}`,
    );
    await t.database.db.execute(
      sql`UPDATE reports SET status = 'answered', category_id = ${ids.subject} WHERE id = ${changed!.id}`,
    );
    await t.database.db.execute(
      sql`INSERT INTO report_events (report_id, type, actor_role, payload) VALUES
          (${moved!.id}, 'relocated', 'moderator', '{}'), (${changed!.id}, 'recategorised', 'curator', '{}')`,
    );
    // Before the refresh the roll-up does not know the new reports yet (which shows the city view
    // reads it); after the refresh both reads agree again.
    const q = { bbox: CITY, zoom: 9 };
    const stale = await getClusters(t.database.db, actors.analyst!, q, t.clock.now(), 'auto');
    const fresh = await getClusters(t.database.db, actors.analyst!, q, t.clock.now(), 'raw');
    expect([stale.total, fresh.total]).toEqual([2000, 2002]);
    const deps = { db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar };
    expect(await refreshAnalytics(deps)).toBeGreaterThanOrEqual(4);
    const total = await same(actors.analyst!, { bbox: CITY, zoom: 9 }, 'city after');
    expect(total).toBe(2002);
    const [g] = await rows<{ g0: number; g1: number; g2: number }>(
      t,
      sql`SELECT sum(n) FILTER (WHERE grain = 0)::int AS g0, sum(n) FILTER (WHERE grain = 1)::int AS g1,
                 sum(n) FILTER (WHERE grain = 2)::int AS g2 FROM analytics_map_cells`,
    );
    expect(g).toEqual({ g0: 2002, g1: 2002, g2: 2002 });
    await compareAll();
  });
});
