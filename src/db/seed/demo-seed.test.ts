import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/template.ts';
import { ModelStore } from '../../modules/classifier/model-store.ts';
import { type Database, queryRows } from '../connection.ts';
import { categories, organisations, territories, users } from '../schema/index.ts';
import { seedDemoCityWorks } from './demo-city-works.ts';
import { seedDemoDiscussions } from './demo-discussions.ts';
import { recordDemoModel, trainDemoModel, trainDemoModelAside } from './demo-model.ts';
import { seedDemoReports } from './demo-reports.ts';
import type { ReferenceIds } from './reference.ts';

/** The ids seedReference returned when the suite's template was built, read back by code. */
async function referenceIds(database: Database): Promise<ReferenceIds> {
  const byCode = (rows: { code: string; id: string }[]) => new Map(rows.map((r) => [r.code, r.id]));
  const db = database.db;
  return {
    territories: byCode(await db.select({ code: territories.code, id: territories.id }).from(territories)),
    categories: byCode(await db.select({ code: categories.code, id: categories.id }).from(categories)),
    organisations: byCode(
      await db.select({ code: organisations.code, id: organisations.id }).from(organisations),
    ),
    users: new Map(
      (await db.select({ email: users.email, id: users.id }).from(users)).map((u) => [u.email, u.id]),
    ),
  };
}

describe('the demo seed', () => {
  let database: Database;
  let dataDir: string;

  beforeAll(async () => {
    database = await openTestDatabase(inject('dbTemplate'));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vmeste-seed-'));
  });

  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('carries the generated reports through their timelines, reporting each one done', async () => {
    const done: number[] = [];
    const result = await seedDemoReports(
      database.db,
      await referenceIds(database),
      { disputeWindowDays: 14, regionToleranceMeters: 2000 },
      { count: 12, now: new Date('2026-03-01T09:00:00Z'), onProgress: (n, total) => done.push(n / total) },
    );
    expect(result.created).toBe(12);
    expect(done).toHaveLength(12);
    expect(done.at(-1)).toBe(1);
    // Not all filed and left alone: the demo shows reports at many stages of their lives.
    expect(Object.keys(result.byState).length).toBeGreaterThan(2);
  });

  it('opens discussions and initiatives through their use cases, each step at its moment', async () => {
    const now = new Date('2026-03-01T09:00:00Z');
    await seedDemoDiscussions(
      database.db,
      await referenceIds(database),
      {
        disputeWindowDays: 14,
        regionToleranceMeters: 2000,
        participation: { initiativeThreshold: 100, initiativeDays: 90 },
      },
      now,
    );
    const discussions = await queryRows<{ status: string; comments: number; official: number }>(
      database.db,
      sql`SELECT d.status,
                 (SELECT count(*)::int FROM discussion_comments c WHERE c.discussion_id = d.id) AS comments,
                 (SELECT count(*)::int FROM discussion_comments c WHERE c.discussion_id = d.id AND c.is_official) AS official
          FROM discussions d ORDER BY d.created_at`,
    );
    expect(discussions).toEqual([
      { status: 'results_published', comments: 2, official: 0 },
      { status: 'open', comments: 4, official: 1 },
    ]);
    // The official reply told the discussion's followers (the residents who commented), in the app.
    const [told] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT user_id)::int AS n FROM notifications WHERE topic = 'discussion_official_reply'`,
    );
    expect(told!.n).toBe(3);
    const initiatives = await queryRows<{ status: string; supporters: number }>(
      database.db,
      sql`SELECT i.status, (SELECT count(*)::int FROM initiative_supports s WHERE s.initiative_id = i.id) AS supporters
          FROM initiatives i ORDER BY i.created_at`,
    );
    expect(initiatives).toEqual([
      { status: 'collecting', supporters: 2 },
      { status: 'moderation', supporters: 0 },
    ]);
  });

  it('publishes notices and city objects with their works, dated from the day it runs', async () => {
    const now = new Date('2026-03-01T09:20:00Z');
    await seedDemoCityWorks(database.db, await referenceIds(database), now);
    const notices = await queryRows<{ kind: string; state: string; onTheHour: boolean; area: boolean }>(
      database.db,
      sql`SELECT kind,
                 CASE WHEN ends_at <= ${now} THEN 'ended' WHEN starts_at > ${now} THEN 'upcoming' ELSE 'in force' END AS state,
                 extract(minute FROM starts_at) = 0 AND extract(minute FROM ends_at) = 0 AS "onTheHour",
                 ST_IsValid(area) AS area
          FROM notices ORDER BY starts_at`,
    );
    // Something in force on the day the demo starts, something to come and something over.
    expect(notices.map((n) => n.state)).toEqual([
      'ended',
      'in force',
      'in force',
      'in force',
      'upcoming',
      'upcoming',
    ]);
    expect(new Set(notices.map((n) => n.kind))).toEqual(
      new Set(['planned_works', 'emergency_outage', 'road_closure', 'event']),
    );
    expect(notices.every((n) => n.onTheHour && n.area)).toBe(true);
    const works = await queryRows<{ kind: string; status: string; started: boolean }>(
      database.db,
      sql`SELECT o.kind, w.status, w.actual_start <= ${now}::date AS started
          FROM object_works w JOIN city_objects o ON o.id = w.object_id ORDER BY o.kind, w.status`,
    );
    expect(works).toHaveLength(6);
    // Done, under way and planned: the works' dates agree with their status on that day.
    expect(new Set(works.map((w) => w.status))).toEqual(new Set(['completed', 'in_progress', 'planned']));
    expect(works.filter((w) => w.status !== 'planned').every((w) => w.started)).toBe(true);
  });

  it('trains the first model once and makes it the active one the app loads', async () => {
    const stages: string[] = [];
    const model = await trainDemoModel(dataDir, new Date('2026-03-01T09:00:00Z'), 600, (m) => stages.push(m));
    expect(model.trainedOn).toBe(600);
    expect(model.heldOut).toBeGreaterThan(0);
    expect(model.candidate.reason).toBeGreaterThan(0.3);
    expect(stages.some((s) => s.startsWith('calibrating'))).toBe(true);
    await recordDemoModel(database.db, model, new Date('2026-03-01T09:00:00Z'));
    const loaded = await new ModelStore(database.db, dataDir).current();
    expect(loaded?.labels.executor_org).toBeTruthy();
  });

  it('gives the model to every request arriving while a node first loads it, read once', async () => {
    // The store of a node that has just started: requests arrive together before its first load ends.
    const store = new ModelStore(database.db, dataDir);
    const models = await Promise.all([store.current(), store.current(), store.current()]);
    expect(models.every((m) => m?.labels.executor_org)).toBe(true);
    expect(new Set(models).size).toBe(1);
  });

  it('trains in a child process too, passing its stages and its model file back', async () => {
    const stages: string[] = [];
    const model = await trainDemoModelAside(dataDir, new Date('2026-03-01T09:00:00Z'), 400, (m) =>
      stages.push(m),
    );
    expect(model.trainedOn).toBe(400);
    expect(stages.some((s) => s.startsWith('calibrating'))).toBe(true);
    await recordDemoModel(database.db, model, new Date('2026-03-02T09:00:00Z'));
    const loaded = await new ModelStore(database.db, dataDir).current();
    expect(loaded?.info.labels.reason?.trained).toBeGreaterThan(0);
  });
});
