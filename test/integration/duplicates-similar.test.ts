import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, queryRowsBuiltOnce } from '../../src/db/connection.ts';
import {
  findSimilarMany,
  type SimilarSearch,
  similarStatement,
  similarValues,
} from '../../src/modules/duplicates/similar.repo.ts';
import type { Visibility } from '../../src/modules/reports/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { citusTestMode } from '../support/citus.ts';
import {
  duplicateState,
  LIGHT_TEXT,
  LIGHT_TEXT_ALIKE,
  mustSupport,
  north,
  similar,
  similarRequest,
  spot,
  support,
  timeline,
  UNRELATED_TEXT,
} from '../support/duplicates.ts';
import {
  categoryIdCached,
  driveTo,
  errorOf,
  fieldPaths,
  fileReport,
  getReport,
  loginStaff,
  type Staff,
} from '../support/reports.ts';

/** A direct search as the service builds it (the configured radius and threshold). */
const similarSearch = (
  at: { lat: number; lon: number; text: string },
  categoryId: string,
  visibility: Visibility,
): SimilarSearch => ({
  categoryId,
  ...at,
  radiusMeters: 250,
  minSimilarity: 0.2,
  excludeId: null,
  actorId: visibility.kind === 'scoped' ? visibility.userId : null,
  visibility,
  limit: 5,
});

let t: TestApp;
let staff: Staff;
let anna: Session;
let ivan: Session;
let galina: Session;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  [anna, ivan, galina] = await Promise.all([newResident(t.app), newResident(t.app), newResident(t.app)]);
});
afterAll(() => t?.close());

/** A public report other people can see: filed by Anna and accepted (routed to street lighting). */
const publicReport = (at: { lat: number; lon: number }, text = LIGHT_TEXT, category = 'street-light') =>
  driveTo(t, staff, anna, 'assigned', { ...at, text, category });

describe('similar reports', () => {
  it('offers an open report of the subject nearby with a similar text, in public fields only', async () => {
    const at = spot(0);
    const existing = await publicReport(at);
    const found = await similar(t, ivan, { ...north(at, 100), text: LIGHT_TEXT_ALIKE });
    expect(found.map((r) => r.id)).toEqual([existing.id]);
    const [item] = found;
    expect(Object.keys(item!).sort()).toEqual(
      [
        'category',
        'createdAt',
        'distanceMeters',
        'id',
        'isMine',
        'number',
        'shortText',
        'similarity',
        'status',
        'supportCount',
        'supportedByMe',
      ].sort(),
    );
    expect(item).toMatchObject({
      number: existing.number,
      status: 'assigned',
      shortText: LIGHT_TEXT,
      supportCount: 0,
      isMine: false,
      supportedByMe: false,
    });
    expect(item!.distanceMeters).toBeGreaterThanOrEqual(99);
    expect(item!.distanceMeters).toBeLessThanOrEqual(101);
    expect(item!.similarity).toBeGreaterThanOrEqual(0.2);
    // Never who wrote it: no name, no e-mail, no id of the author anywhere in the answer.
    const body = JSON.stringify(found);
    expect(body).not.toContain(anna.userId);
    expect(body).not.toMatch(/@|author|Тестовый/);
  });

  it('offers reports within the radius (250 m) and not beyond it', async () => {
    const at = spot(1);
    const inside = await publicReport(north(at, 240));
    const outside = await publicReport(north(at, -265));
    const ids = (await similar(t, ivan, { ...at, text: LIGHT_TEXT })).map((r) => r.id);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
  });

  it('offers only the same subject', async () => {
    const at = spot(2);
    const other = await publicReport(at, LIGHT_TEXT, 'yard-light');
    expect(await similar(t, ivan, { ...at, text: LIGHT_TEXT })).toEqual([]);
    const yard = await similar(t, ivan, { ...at, category: 'yard-light', text: LIGHT_TEXT });
    expect(yard.map((r) => r.id)).toEqual([other.id]);
  });

  it('needs a similar text when there is one, and ranks the most alike first', async () => {
    const at = spot(3);
    const alike = await publicReport(north(at, 150), LIGHT_TEXT_ALIKE);
    const unrelated = await publicReport(north(at, 20), UNRELATED_TEXT);
    const ranked = await similar(t, ivan, { ...at, text: LIGHT_TEXT });
    expect(ranked.map((r) => r.id)).toEqual([alike.id]);
    // Without a text (the form before typing) every nearby report of the subject is offered, nearest first.
    const byDistance = await similar(t, ivan, at);
    expect(byDistance.map((r) => r.id)).toEqual([unrelated.id, alike.id]);
  });

  it('never offers closed, rejected, answered or resolved reports', async () => {
    const at = spot(4);
    const place = { ...at, text: LIGHT_TEXT };
    for (const target of ['closed', 'rejected', 'answered', 'resolved'] as const)
      await driveTo(t, staff, anna, target, place);
    expect(await similar(t, ivan, place)).toEqual([]);
    expect(await similar(t, staff.moderator, place)).toEqual([]);
  });

  it('never offers appeals, nor private or unmoderated reports to anyone but their author and staff', async () => {
    const at = spot(5);
    const place = { ...at, text: LIGHT_TEXT };
    const categoryId = await categoryIdCached(t, 'street-light');
    const appeal = await fileReport(t, anna, { ...place, kind: 'appeal' });
    await driveTo(t, staff, anna, 'assigned', { ...place, kind: 'appeal' });
    const unmoderated = await fileReport(t, anna, place);
    const privateOne = await driveTo(t, staff, anna, 'assigned', { ...place, isPublic: false });
    expect(await similar(t, ivan, place)).toEqual([]);
    expect(await similar(t, null, place)).toEqual([]);
    const mine = await similar(t, anna, place);
    expect(mine.map((r) => r.id).sort()).toEqual([unmoderated.id, privateOne.id].sort());
    expect(mine.every((r) => r.isMine)).toBe(true);
    const moderator = (await similar(t, staff.moderator, place)).map((r) => r.id);
    expect(moderator).not.toContain(appeal.id);
    expect(moderator.length).toBe(2);
    // Asked together (one statement for the lot, each with its own visibility), each gets what it
    // got alone.
    const together = await Promise.all(
      [ivan, null, anna, staff.moderator].map((who) => similar(t, who, place)),
    );
    expect(together.map((items) => items.map((r) => r.id).sort())).toEqual([
      [],
      [],
      [unmoderated.id, privateOne.id].sort(),
      [...moderator].sort(),
    ]);
    const batch = await findSimilarMany(t.database.db, [
      similarSearch(place, categoryId, {
        kind: 'scoped',
        userId: ivan.userId,
        organisationId: null,
        territoryId: null,
      }),
      similarSearch(place, categoryId, {
        kind: 'scoped',
        userId: anna.userId,
        organisationId: null,
        territoryId: null,
      }),
      similarSearch(place, categoryId, { kind: 'all' }),
    ]);
    expect(batch.map((rows) => rows.map((r) => r.id).sort())).toEqual([
      [],
      [unmoderated.id, privateOne.id].sort(),
      [...moderator].sort(),
    ]);
    // A curator sees the reports of their territory and of the territories in it, not another's.
    const [district] = await queryRows<{ id: string; parent: string; other: string }>(
      t.database.db,
      sql`SELECT d.id, d.parent_id AS parent,
                 (SELECT o.id FROM territories o WHERE o.parent_id = d.parent_id AND o.id <> d.id LIMIT 1) AS other
            FROM reports r JOIN territories d ON d.id = r.territory_id WHERE r.id = ${privateOne.id}`,
    );
    const curatorOf = (territoryId: string) =>
      similarSearch(place, categoryId, {
        kind: 'scoped',
        userId: ivan.userId,
        organisationId: null,
        territoryId,
      });
    const curators = await findSimilarMany(t.database.db, [
      curatorOf(district!.id),
      curatorOf(district!.parent),
      curatorOf(district!.other),
    ]);
    expect(curators.map((rows) => rows.map((r) => r.id).sort())).toEqual([
      [...moderator].sort(),
      [...moderator].sort(),
      [],
    ]);
  });

  // On Citus the plan shown is the coordinator's, not the worker's.
  it.skipIf(citusTestMode())(
    'reads the nearest reports in distance order and stops at the candidates it needs',
    async () => {
      const categoryId = await categoryIdCached(t, 'street-light');
      const plan = await queryRowsBuiltOnce<Record<string, string>>(
        t.database.db,
        'explain_similar_reports',
        () => sql`EXPLAIN (COSTS OFF) ${similarStatement()}`,
        similarValues([
          similarSearch({ ...spot(9), text: LIGHT_TEXT }, categoryId, {
            kind: 'scoped',
            userId: ivan.userId,
            organisationId: null,
            territoryId: null,
          }),
        ]),
      );
      const text = plan.map((r) => Object.values(r)[0]).join('\n');
      // The limit sits right on the open reports' location index, walked nearest first. With the
      // territories joined to it, the planner hashed every report in the box first (a young region's
      // statistics); with the subject's index usable, it ANDed the subject's every report with the box.
      expect(text).toMatch(
        /Limit\s+->\s+Index Scan using reports_open_location_gix on reports r\s+Index Cond:[^\n]*\s+Order By:/,
      );
      expect(text).not.toMatch(/Hash\s+->\s+Index Scan using reports_(open_)?location_gix/);
      expect(text).not.toMatch(/BitmapAnd/);
    },
  );

  it('comes with the answer to filing a report, without the new report itself', async () => {
    const at = spot(6);
    const existing = await publicReport(at);
    const created = await fileReport(t, ivan, { ...north(at, 50), text: LIGHT_TEXT_ALIKE });
    const offered = created.similar as { id: string; isMine: boolean }[];
    expect(offered.map((r) => r.id)).toEqual([existing.id]);
    expect(offered[0]!.isMine).toBe(false);
    // Reading the report later does not repeat the list: it belongs to the moment of filing.
    expect((await getReport(t, ivan, created.id)).json()).not.toHaveProperty('similar');
  });

  it('refuses a bad query, naming every field', async () => {
    const res = await similarRequest(t, ivan, { lat: '95', lon: 'east', text: 'x'.repeat(5001) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('validation_failed');
    expect(fieldPaths(res).sort()).toEqual(
      ['querystring.categoryId', 'querystring.lat', 'querystring.lon', 'querystring.text'].sort(),
    );
  });
});

describe('support ("me too")', () => {
  it('adds a follower, raises the priority and says so on the timeline without saying who', async () => {
    const report = await publicReport(spot(7));
    const before = await duplicateState(t, report.id);
    const res = await mustSupport(t, ivan, report.id);
    expect(res).toMatchObject({ supportCount: 1, supportedByMe: true, canSupport: false });
    const after = await duplicateState(t, report.id);
    expect(after.priority).toBe(before.priority + 1);
    expect(after.followers).toEqual([{ userId: ivan.userId, reason: 'supporter' }]);
    expect(after.status).toBe(before.status);

    const visitorView = (await getReport(t, null, report.id)).json();
    expect(visitorView).toMatchObject({ supportCount: 1, supportedByMe: false, canSupport: false });
    const events = await timeline(t, null, report.id);
    const supported = events.find((e) => e.type === 'supported');
    expect(supported).toMatchObject({ actorRole: 'resident', payload: {} });
    expect(JSON.stringify(events)).not.toContain(ivan.userId);

    await mustSupport(t, galina, report.id);
    const listed = await similar(t, galina, { ...spot(7), text: LIGHT_TEXT });
    expect(listed[0]).toMatchObject({ id: report.id, supportCount: 2, supportedByMe: true });
    expect((await getReport(t, anna, report.id)).json()).toMatchObject({
      supportCount: 2,
      canSupport: false,
    });
  });

  it('offers support to other residents only', async () => {
    const report = await publicReport(spot(8));
    expect((await getReport(t, ivan, report.id)).json()).toMatchObject({ canSupport: true });
    for (const who of [anna, staff.moderator, null])
      expect((await getReport(t, who, report.id)).json()).toMatchObject({ canSupport: false });
  });

  it('refuses supporting twice, one’s own report, staff, closed and unseen reports, changing nothing', async () => {
    const report = await publicReport(spot(9));
    await mustSupport(t, ivan, report.id);
    const closed = await driveTo(t, staff, anna, 'closed', { ...spot(9), text: LIGHT_TEXT });
    const unseen = await fileReport(t, anna, { ...spot(9), text: LIGHT_TEXT });
    const cases: [Session | null, string, number, string][] = [
      [ivan, report.id, 409, 'already_supported'],
      [anna, report.id, 409, 'own_report_support'],
      [staff.moderator, report.id, 403, 'forbidden'],
      [galina, closed.id, 409, 'support_closed'],
      [galina, unseen.id, 404, 'report_not_found'],
      [null, report.id, 401, 'unauthenticated'],
    ];
    for (const [who, id, status, code] of cases) {
      const before = await duplicateState(t, id);
      const res = await support(t, who, id);
      expect([res.statusCode, errorOf(res).code], code).toEqual([status, code]);
      expect(await duplicateState(t, id), code).toEqual(before);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/support`,
      headers: { ...ivan.headers, 'accept-language': 'en' },
    });
    expect(errorOf(en).message).toBe('You already support this report');
  });

  it('can be withdrawn once, taking the priority point back', async () => {
    const report = await publicReport(spot(10));
    const before = await duplicateState(t, report.id);
    await mustSupport(t, ivan, report.id);
    const res = await support(t, ivan, report.id, 'DELETE');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ supportCount: 0, supportedByMe: false, canSupport: true });
    const after = await duplicateState(t, report.id);
    expect(after.priority).toBe(before.priority);
    expect(after.followers).toEqual([]);
    expect((await timeline(t, null, report.id)).map((e) => e.type)).toContain('support_withdrawn');
    const again = await support(t, ivan, report.id, 'DELETE');
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'not_supported']);
    expect(await duplicateState(t, report.id)).toEqual(after);
  });

  it('uses the subject id the form sends', async () => {
    // The category id in the query is the one the form holds (a subject, not a topic).
    const id = await categoryIdCached(t, 'street-light');
    const res = await similarRequest(t, ivan, { categoryId: id, lat: '59.9', lon: '30.3' });
    expect(res.statusCode).toBe(200);
  });
});
