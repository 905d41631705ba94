import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireInitiatives, initiativesDeps } from '../../src/modules/initiatives/index.ts';
import { reportsDeps } from '../../src/server/deps.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { get, post, put, verifyResidence } from '../support/discussions.ts';
import { myNotifications } from '../support/notifications.ts';
import {
  categoryIdCached,
  countAudit,
  errorOf,
  getReport,
  listedIds,
  loginStaff,
  rows,
  type Staff,
  type Territory,
  territories,
} from '../support/reports.ts';

type InitiativeJson = {
  id: string;
  status: string;
  supporters: number;
  threshold: number;
  reportId: string | null;
  reportStatus: string | null;
  collectUntil: string | null;
};

const DAY = 86_400_000;

async function propose(t: TestApp, who: Session, territoryId: string, extra: Record<string, unknown> = {}) {
  return post(t, who, '/api/v1/initiatives', {
    title: 'Освещение в сквере у пруда',
    text: 'Предлагаем установить фонари вдоль дорожек сквера: вечером там совсем темно.',
    categoryId: await categoryIdCached(t, 'street-light'),
    territoryId,
    ...extra,
  });
}

describe('initiatives: support, threshold, the official answer, expiry', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let nevsky: Territory;

  const approved = async (threshold?: number): Promise<InitiativeJson> => {
    if (threshold !== undefined)
      await put(t, staff.admin, `/api/v1/initiative-thresholds/${nevsky.id}`, { threshold });
    const created = (await propose(t, author, nevsky.id, nevsky.center)).json() as InitiativeJson;
    const res = await post(t, staff.moderator, `/api/v1/initiatives/${created.id}/moderation`, {
      decision: 'approve',
    });
    return res.json() as InitiativeJson;
  };

  beforeAll(async () => {
    t = await createTestApp({ INITIATIVE_DAYS: '10', INITIATIVE_THRESHOLD: '3' });
    staff = await loginStaff(t);
    author = await newResident(t.app);
    nevsky = (await territories(t)).get('nevsky')!;
  });
  afterAll(() => t.close());

  it('is moderated before anyone else sees or supports it', async () => {
    const res = await propose(t, author, nevsky.id);
    expect(res.statusCode).toBe(201);
    const i = res.json() as InitiativeJson;
    expect(i).toMatchObject({ status: 'moderation', supporters: 0 });
    const other = await newResident(t.app);
    expect((await get(t, other, `/api/v1/initiatives/${i.id}`)).statusCode).toBe(404);
    expect(errorOf(await put(t, other, `/api/v1/initiatives/${i.id}/support`)).code).toBe(
      'initiative_not_found',
    );
    expect(
      errorOf(await post(t, author, `/api/v1/initiatives/${i.id}/moderation`, { decision: 'approve' })).code,
    ).toBe('forbidden');
    const rejected = await post(t, staff.moderator, `/api/v1/initiatives/${i.id}/moderation`, {
      decision: 'reject',
      reason: 'Уже есть такая инициатива',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await countAudit(t, 'initiative.reject', i.id)).toBe(1);
  });

  it('lists an author’s own initiatives in every state to them alone (mine=true)', async () => {
    const author2 = await newResident(t.app);
    const waiting = (await propose(t, author2, nevsky.id)).json() as InitiativeJson;
    const refused = (await propose(t, author2, nevsky.id)).json() as InitiativeJson;
    await post(t, staff.moderator, `/api/v1/initiatives/${refused.id}/moderation`, {
      decision: 'reject',
      reason: 'Повторяет другую инициативу',
    });
    const mine = (await get(t, author2, '/api/v1/initiatives?mine=true')).json() as {
      items: (InitiativeJson & { isMine: boolean; rejectionReason: string | null })[];
    };
    // (Proposed at the same moment of the test's clock: the order between them is not the point.)
    expect(mine.items.map((i) => [i.id, i.status, i.isMine]).sort()).toEqual(
      [
        [refused.id, 'rejected', true],
        [waiting.id, 'moderation', true],
      ].sort(),
    );
    expect(mine.items.find((i) => i.id === refused.id)!.rejectionReason).toBe('Повторяет другую инициативу');
    // Nobody else's list has them; without a session, "mine" has no one to mean.
    const publicIds = (
      (await get(t, null, '/api/v1/initiatives')).json() as { items: { id: string }[] }
    ).items.map((i) => i.id);
    expect(publicIds).not.toContain(waiting.id);
    const othersMine = (await get(t, author, '/api/v1/initiatives?mine=true')).json() as {
      items: { id: string }[];
    };
    expect(othersMine.items.map((i) => i.id)).not.toContain(waiting.id);
    expect((await get(t, null, '/api/v1/initiatives?mine=true')).statusCode).toBe(401);
    const onlyWaiting = (await get(t, author2, '/api/v1/initiatives?mine=true&status=moderation')).json() as {
      items: { id: string }[];
    };
    expect(onlyWaiting.items.map((i) => i.id)).toEqual([waiting.id]);
  });

  it('uses the platform default threshold and the fixed collection time', async () => {
    const i = await approved();
    expect(i).toMatchObject({ status: 'collecting', threshold: 3, supporters: 0 });
    expect(Date.parse(i.collectUntil!) - t.clock.now().getTime()).toBe(10 * DAY);
  });

  it('refuses a second support and the author’s own', async () => {
    const i = await approved(50);
    const r = await newResident(t.app);
    expect(
      ((await put(t, r, `/api/v1/initiatives/${i.id}/support`)).json() as InitiativeJson).supporters,
    ).toBe(1);
    const again = await put(t, r, `/api/v1/initiatives/${i.id}/support`);
    expect(errorOf(again).code).toBe('already_supported');
    expect(errorOf(await put(t, author, `/api/v1/initiatives/${i.id}/support`)).code).toBe(
      'own_initiative_support',
    );
    const stored = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM initiative_supports WHERE initiative_id = ${i.id}`,
    );
    expect(stored[0]!.n).toBe(1);
  });

  it('reaches the threshold exactly once under concurrent supports and becomes the organisation’s work', async () => {
    const i = await approved(5);
    const residents = await Promise.all(Array.from({ length: 9 }, () => newResident(t.app)));
    const answers = await Promise.all(residents.map((r) => put(t, r, `/api/v1/initiatives/${i.id}/support`)));
    const ok = answers.filter((a) => a.statusCode === 200);
    expect(ok).toHaveLength(5);
    for (const refused of answers.filter((a) => a.statusCode !== 200))
      expect(errorOf(refused).code).toBe('initiative_not_collecting');
    const after = (await get(t, null, `/api/v1/initiatives/${i.id}`)).json() as InitiativeJson;
    expect(after).toMatchObject({ status: 'sent', supporters: 5, threshold: 5 });
    expect(after.reportId).not.toBeNull();
    const linked = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM reports WHERE idempotency_key = ${`initiative:${i.id}`}`,
    );
    expect(linked[0]!.n).toBe(1);
    // The report machinery has it: routed to the lighting utility, with a deadline, in its queue.
    const report = (await getReport(t, staff.opLight, after.reportId!)).json() as {
      status: string;
      deadlineAt: string | null;
    };
    expect(report.status).toBe('assigned');
    expect(report.deadlineAt).not.toBeNull();
    expect(await listedIds(t, staff.opLight)).toContain(after.reportId);
    expect(after.reportStatus).toBe('assigned');
    // The supporters follow the report (they will hear of its answer) and were told it was sent.
    const followers = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM report_followers WHERE report_id = ${after.reportId}`,
    );
    expect(followers[0]!.n).toBe(5);
    const supporter = residents[answers.findIndex((a) => a.statusCode === 200)]!;
    const told = (await myNotifications(t, supporter)).items.filter((n) => n.type.startsWith('initiative_'));
    expect(told).toEqual([
      expect.objectContaining({ type: 'initiative_sent', link: `/initiatives/${i.id}` }),
    ]);
    // A second pass of the job files nothing more. The job files through the routes' own reports
    // wiring (one intake batcher, one cache of earlier answers per application).
    expect(reportsDeps(t.app.ctx)).toBe(reportsDeps(t.app.ctx));
    const deps = initiativesDeps(t.app.ctx, reportsDeps(t.app.ctx));
    await expireInitiatives(deps);
    const again = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM reports WHERE idempotency_key = ${`initiative:${i.id}`}`,
    );
    expect(again[0]!.n).toBe(1);
  });

  it('expires below the threshold at the end of its time, and its supporters are told', async () => {
    const i = await approved(50);
    const r = await newResident(t.app);
    await put(t, r, `/api/v1/initiatives/${i.id}/support`);
    const deps = initiativesDeps(t.app.ctx, reportsDeps(t.app.ctx));
    t.clock.advance(10 * DAY - 1000);
    expect((await expireInitiatives(deps)).expired).toBe(0);
    t.clock.advance(1000);
    const late = await newResident(t.app);
    expect(errorOf(await put(t, late, `/api/v1/initiatives/${i.id}/support`)).code).toBe(
      'initiative_expired',
    );
    expect((await expireInitiatives(deps)).expired).toBeGreaterThanOrEqual(1);
    expect((await expireInitiatives(deps)).expired).toBe(0);
    expect(((await get(t, null, `/api/v1/initiatives/${i.id}`)).json() as InitiativeJson).status).toBe(
      'expired',
    );
    expect(errorOf(await put(t, late, `/api/v1/initiatives/${i.id}/support`)).code).toBe(
      'initiative_expired',
    );
    expect((await myNotifications(t, r)).items).toContainEqual(
      expect.objectContaining({ type: 'initiative_expired', link: `/initiatives/${i.id}` }),
    );
  });

  it('lets only the administrator set a territory’s threshold', async () => {
    const res = await put(t, staff.moderator, `/api/v1/initiative-thresholds/${nevsky.id}`, { threshold: 7 });
    expect(errorOf(res).code).toBe('forbidden');
    const bad = await put(t, staff.admin, `/api/v1/initiative-thresholds/${nevsky.id}`, { threshold: 0 });
    expect(errorOf(bad).code).toBe('validation_failed');
  });
});

describe('initiatives where the region admits verified residents only', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ PARTICIPATION_VERIFIED_ONLY: 'true' });
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  it('takes support only from verified residents of the territory', async () => {
    const terr = await territories(t);
    const nevsky = terr.get('nevsky')!;
    const author = await newResident(t.app);
    await verifyResidence(t, author.userId, nevsky.id);
    const created = (await propose(t, author, nevsky.id)).json() as InitiativeJson;
    await post(t, staff.moderator, `/api/v1/initiatives/${created.id}/moderation`, { decision: 'approve' });
    const unverified = await newResident(t.app);
    expect(errorOf(await put(t, unverified, `/api/v1/initiatives/${created.id}/support`)).code).toBe(
      'verified_residence_required',
    );
    const elsewhere = await newResident(t.app);
    await verifyResidence(t, elsewhere.userId, terr.get('admiralteysky')!.id);
    expect(errorOf(await put(t, elsewhere, `/api/v1/initiatives/${created.id}/support`)).code).toBe(
      'verified_residence_required',
    );
    const local = await newResident(t.app);
    await verifyResidence(t, local.userId, nevsky.id);
    expect((await put(t, local, `/api/v1/initiatives/${created.id}/support`)).statusCode).toBe(200);
  });
});
