import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  duplicateState,
  LIGHT_TEXT,
  LIGHT_TEXT_ALIKE,
  mustSupport,
  spot,
  timeline,
} from '../support/duplicates.ts';
import { upload } from '../support/media.ts';
import {
  act,
  auditActions,
  driveTo,
  errorOf,
  fieldPaths,
  getReport,
  loginStaff,
  must,
  type ReportJson,
  rows,
  type Staff,
} from '../support/reports.ts';

let t: TestApp;
let staff: Staff;
let anna: Session;
let boris: Session;
let s1: Session;
let s2: Session;
let spotNo = 0;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  [anna, boris, s1, s2] = await Promise.all([
    newResident(t.app),
    newResident(t.app),
    newResident(t.app),
    newResident(t.app),
  ]);
});
afterAll(() => t?.close());

/**
 * A primary by Anna with one supporter (s1), and a duplicate by Boris with a photo and two
 * supporters (s1, who backs both, and s2); both public and assigned to street lighting.
 */
async function pair() {
  // Merges do not depend on distance: the places only spread the reports over the centre.
  const at = spot(spotNo++ % 7);
  const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
  const photo = await upload(t, boris);
  const duplicate = await driveTo(t, staff, boris, 'assigned', {
    ...at,
    text: LIGHT_TEXT_ALIKE,
    mediaIds: [photo.id],
  });
  await mustSupport(t, s1, primary.id);
  await mustSupport(t, s1, duplicate.id);
  await mustSupport(t, s2, duplicate.id);
  return { primary, duplicate, photoId: photo.id, at };
}

const byUser = (list: { userId: string; reason: string }[]) =>
  [...list].sort((a, b) => a.userId.localeCompare(b.userId));

describe('merge and unmerge', () => {
  it('moves followers, photos and supporters to the primary and tells both timelines', async () => {
    const { primary, duplicate, photoId } = await pair();
    const primaryBefore = await duplicateState(t, primary.id);
    const duplicateBefore = await duplicateState(t, duplicate.id);

    const merged = await must(t, staff.moderator, duplicate.id, 'merge', {
      primaryNumber: primary.number,
      comment: 'Тот же фонарь',
    });
    expect(merged).toMatchObject({
      status: 'merged',
      mergedInto: { id: primary.id, number: primary.number },
    });
    expect(merged.allowedActions).toEqual(['unmerge']);

    const p = await duplicateState(t, primary.id);
    // Boris (the duplicate's author) follows as 'merged', s2 as a supporter; s1 already supported it.
    expect(byUser(p.followers)).toEqual(
      byUser([
        { userId: s1.userId, reason: 'supporter' },
        { userId: boris.userId, reason: 'merged' },
        { userId: s2.userId, reason: 'supporter' },
      ]),
    );
    expect(p.priority).toBe(primaryBefore.priority + 2);
    expect(p.photos).toEqual([photoId]);
    const d = await duplicateState(t, duplicate.id);
    expect(d).toMatchObject({ status: 'merged', mergedIntoId: primary.id, photos: [] });
    expect(d.followers).toEqual(duplicateBefore.followers);

    const primaryView = (await getReport(t, null, primary.id)).json() as ReportJson;
    expect(primaryView.supportCount).toBe(3);
    expect((primaryView.photos as { id: string }[]).map((x) => x.id)).toEqual([photoId]);

    const dupEvents = await timeline(t, null, duplicate.id);
    expect(dupEvents.at(-1)).toMatchObject({
      type: 'merged_into',
      payload: { primaryId: primary.id, primaryNumber: primary.number, comment: 'Тот же фонарь' },
    });
    const primaryEvents = await timeline(t, null, primary.id);
    expect(primaryEvents.at(-1)).toMatchObject({
      type: 'merged_from',
      payload: {
        duplicateId: duplicate.id,
        duplicateNumber: duplicate.number,
        followers: 2,
        photos: 1,
        supportAdded: 2,
      },
    });
    // Public timelines never name people.
    const publicText = JSON.stringify([dupEvents, primaryEvents]);
    for (const who of [anna, boris, s1, s2]) expect(publicText).not.toContain(who.userId);

    const audited = async (id: string) =>
      (await auditActions(t, id)).filter((a) => a.action !== 'report.read_personal_data');
    expect((await audited(duplicate.id)).at(-1)).toMatchObject({ action: 'report.merge' });
    expect((await audited(primary.id)).at(-1)).toMatchObject({
      action: 'report.merged_from',
      details: { duplicateId: duplicate.id },
    });
  });

  it('is undone exactly: the duplicate returns to its status, with its photos, and the primary as it was', async () => {
    const { primary, duplicate, photoId } = await pair();
    const primaryBefore = await duplicateState(t, primary.id);
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    const undone = await must(t, staff.curator, duplicate.id, 'unmerge', {});
    expect(undone).toMatchObject({ status: 'assigned', mergedInto: null });

    const p = await duplicateState(t, primary.id);
    expect(p.followers).toEqual(primaryBefore.followers);
    expect(p.priority).toBe(primaryBefore.priority);
    expect(p.photos).toEqual([]);
    const d = await duplicateState(t, duplicate.id);
    expect(d).toMatchObject({ status: 'assigned', mergedIntoId: null, photos: [photoId] });
    expect((await timeline(t, null, duplicate.id)).at(-1)).toMatchObject({
      type: 'unmerged',
      payload: { primaryId: primary.id, primaryNumber: primary.number },
    });
    expect((await timeline(t, null, primary.id)).at(-1)).toMatchObject({ type: 'merge_undone' });
    const [record] = await rows<{ undoneAt: Date | null }>(
      t,
      sql`SELECT undone_at AS "undoneAt" FROM report_merges WHERE duplicate_id = ${duplicate.id}`,
    );
    expect(record?.undoneAt).not.toBeNull();

    // And it can be merged again.
    expect((await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id })).status).toBe(
      'merged',
    );
  });

  it('does not take back a point a moved supporter already withdrew', async () => {
    const { primary, duplicate } = await pair();
    const before = await duplicateState(t, primary.id);
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reports/${primary.id}/support`,
      headers: s2.headers,
    });
    expect(res.statusCode).toBe(200);
    await must(t, staff.moderator, duplicate.id, 'unmerge', {});
    expect((await duplicateState(t, primary.id)).priority).toBe(before.priority);
  });

  it('returns a report merged before moderation to moderation', async () => {
    const { primary, at } = await pair();
    const fresh = await driveTo(t, staff, boris, 'submitted', { ...at, text: LIGHT_TEXT_ALIKE });
    await must(t, staff.moderator, fresh.id, 'merge', { primaryId: primary.id });
    expect((await must(t, staff.moderator, fresh.id, 'unmerge', {})).status).toBe('submitted');
  });
});

describe('merges at the same moment', () => {
  it('A into B and B into A: one wins, the other is refused cleanly (never a server error)', async () => {
    const { primary: a, duplicate: b } = await pair();
    const [one, two] = await Promise.all([
      act(t, staff.moderator, a.id, 'merge', { primaryId: b.id }),
      act(t, staff.curator, b.id, 'merge', { primaryId: a.id }),
    ]);
    const codes = [one, two].map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const refused = one.statusCode === 409 ? one : two;
    expect(['report_busy', 'merge_primary_not_open', 'already_merged']).toContain(errorOf(refused).code);
    const states = await Promise.all([a.id, b.id].map((id) => duplicateState(t, id)));
    expect(states.map((x) => x.status).sort()).toEqual(['assigned', 'merged']);
  });
});

describe('merge refusals change nothing', () => {
  type Case = [
    string,
    () => Promise<{ who: Session; id: string; action: string; body: object; others: string[] }>,
    number,
    string,
    string[],
  ];

  const cases: Case[] = [
    [
      'into itself',
      async () => {
        const { duplicate } = await pair();
        return {
          who: staff.moderator,
          id: duplicate.id,
          action: 'merge',
          body: { primaryId: duplicate.id },
          others: [],
        };
      },
      422,
      'merge_into_self',
      ['primaryId'],
    ],
    ...(['closed', 'rejected'] as const).map(
      (status): Case => [
        `into a ${status} report`,
        async () => {
          const { duplicate, at } = await pair();
          const target = await driveTo(t, staff, anna, status, { ...at, text: LIGHT_TEXT });
          return {
            who: staff.moderator,
            id: duplicate.id,
            action: 'merge',
            body: { primaryNumber: target.number },
            others: [target.id],
          };
        },
        409,
        'merge_primary_not_open',
        ['primaryNumber'],
      ],
    ),
    [
      'into a merged report',
      async () => {
        const { primary, duplicate, at } = await pair();
        const third = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
        await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
        return {
          who: staff.moderator,
          id: third.id,
          action: 'merge',
          body: { primaryId: duplicate.id },
          others: [duplicate.id, primary.id],
        };
      },
      409,
      'merge_primary_not_open',
      ['primaryId'],
    ],
    [
      'into an appeal',
      async () => {
        const { duplicate, at } = await pair();
        const appeal = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT, kind: 'appeal' });
        return {
          who: staff.moderator,
          id: duplicate.id,
          action: 'merge',
          body: { primaryId: appeal.id },
          others: [appeal.id],
        };
      },
      422,
      'merge_into_appeal',
      ['primaryId'],
    ],
    [
      'an appeal',
      async () => {
        const { primary, at } = await pair();
        const appeal = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT, kind: 'appeal' });
        return {
          who: staff.moderator,
          id: appeal.id,
          action: 'merge',
          body: { primaryId: primary.id },
          others: [primary.id],
        };
      },
      409,
      'appeal_not_mergeable',
      [],
    ],
    [
      'an already merged report',
      async () => {
        const { primary, duplicate, at } = await pair();
        const other = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
        await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
        return {
          who: staff.moderator,
          id: duplicate.id,
          action: 'merge',
          body: { primaryId: other.id },
          others: [primary.id, other.id],
        };
      },
      409,
      'already_merged',
      [],
    ],
    [
      'a primary that does not exist',
      async () => {
        const { duplicate } = await pair();
        return {
          who: staff.moderator,
          id: duplicate.id,
          action: 'merge',
          body: { primaryNumber: 99_999_999 },
          others: [],
        };
      },
      422,
      'merge_primary_not_found',
      ['primaryNumber'],
    ],
    [
      'unmerging a report that is not merged',
      async () => {
        const { duplicate, primary } = await pair();
        return { who: staff.moderator, id: duplicate.id, action: 'unmerge', body: {}, others: [primary.id] };
      },
      409,
      'not_merged',
      [],
    ],
    [
      'naming the primary twice or not at all',
      async () => {
        const { duplicate, primary } = await pair();
        return {
          who: staff.moderator,
          id: duplicate.id,
          action: 'merge',
          body: { primaryId: primary.id, primaryNumber: primary.number },
          others: [primary.id],
        };
      },
      400,
      'validation_failed',
      ['primaryId', 'primaryNumber'],
    ],
  ];

  it.each(cases)('%s', async (_name, setup, status, code, fields) => {
    const { who, id, action, body, others } = await setup();
    const before = await Promise.all([id, ...others].map((x) => duplicateState(t, x)));
    const res = await act(t, who, id, action, body);
    expect([res.statusCode, errorOf(res).code]).toEqual([status, code]);
    expect(fieldPaths(res).sort()).toEqual(fields);
    expect(await Promise.all([id, ...others].map((x) => duplicateState(t, x)))).toEqual(before);
  });

  it('lists both fields when neither is given', async () => {
    const { duplicate } = await pair();
    const res = await act(t, staff.moderator, duplicate.id, 'merge', { comment: 'x' });
    expect(res.statusCode).toBe(400);
    expect(fieldPaths(res).sort()).toEqual(['primaryId', 'primaryNumber']);
  });
});

describe('who may merge', () => {
  it('moderators, curators in scope and the primary’s operator; no resident, analyst or other organisation', async () => {
    const refused: [string, Session, number, string][] = [
      ['author', boris, 403, 'forbidden'],
      ['other resident', s1, 403, 'forbidden'],
      ['analyst', staff.analyst, 403, 'forbidden'],
      ['operator of another organisation', staff.opRoads, 403, 'forbidden'],
      ['curator of another district', staff.curatorNevsky, 403, 'forbidden'],
    ];
    for (const [name, who, status, code] of refused) {
      const { primary, duplicate } = await pair();
      const before = await duplicateState(t, primary.id);
      const res = await act(t, who, duplicate.id, 'merge', { primaryId: primary.id });
      expect([res.statusCode, errorOf(res).code], name).toEqual([status, code]);
      expect(await duplicateState(t, primary.id), name).toEqual(before);
    }
    for (const who of [staff.moderator, staff.admin, staff.curator, staff.opLight]) {
      const { primary, duplicate } = await pair();
      expect((await must(t, who, duplicate.id, 'merge', { primaryId: primary.id })).status).toBe('merged');
      expect((await must(t, who, duplicate.id, 'unmerge', {})).status).toBe('assigned');
    }
  });

  it('refuses an operator merging another organisation’s report (docs/security.md)', async () => {
    const { primary, duplicate } = await pair();
    const res = await act(t, staff.opRoads, duplicate.id, 'merge', { primaryId: primary.id });
    expect(res.statusCode).toBe(403);
  });
});
