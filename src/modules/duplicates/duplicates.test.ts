import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.ts';
import { reportStatuses } from '../reports/report-states.ts';
import { mergeBodySchema } from './duplicates.schemas.ts';
import { followersToMove, supportWeight } from './merge-plan.ts';
import { boxDegrees } from './similar.repo.ts';
import { shortText } from './similar.service.ts';
import { canSupport, supportRefusal, withdrawRefusal } from './support.policy.ts';

const resident = (id: string): Actor => ({ id, role: 'resident', organisationId: null, territoryId: null });

describe('followersToMove', () => {
  it('brings the duplicate’s author as "merged" and its followers with their own reasons, once each', () => {
    const moved = followersToMove(
      { authorId: 'boris' },
      [
        { userId: 's1', reason: 'supporter' },
        { userId: 'sub', reason: 'subscriber' },
        { userId: 'boris', reason: 'supporter' },
      ],
      { authorId: 'anna' },
    );
    expect(moved).toEqual([
      { userId: 'boris', reason: 'merged' },
      { userId: 's1', reason: 'supporter' },
      { userId: 'sub', reason: 'subscriber' },
    ]);
  });

  it('leaves out the primary’s author (who needs no follower row)', () => {
    expect(
      followersToMove({ authorId: 'anna' }, [{ userId: 'anna', reason: 'supporter' }], { authorId: 'anna' }),
    ).toEqual([]);
  });
});

describe('supportWeight', () => {
  it('counts supporters and merged authors, not subscribers', () => {
    expect(
      supportWeight([
        { userId: 'a', reason: 'supporter' },
        { userId: 'b', reason: 'merged' },
        { userId: 'c', reason: 'subscriber' },
      ]),
    ).toBe(2);
    expect(supportWeight([])).toBe(0);
  });
});

describe('support policy', () => {
  const open = { authorId: 'anna', status: 'assigned', kind: 'report' } as const;

  it('lets another resident support an open report', () => {
    expect(supportRefusal(open, resident('ivan'))).toBeNull();
    expect(canSupport(open, resident('ivan'), false)).toBe(true);
    expect(canSupport(open, resident('ivan'), true)).toBe(false);
    expect(canSupport(open, null, false)).toBe(false);
  });

  it('refuses one’s own report, staff, appeals and every status that is not open work', () => {
    expect(supportRefusal(open, resident('anna'))).toBe('own_report_support');
    expect(supportRefusal(open, { ...resident('m'), role: 'moderator' })).toBe('forbidden');
    expect(supportRefusal({ ...open, kind: 'appeal' }, resident('ivan'))).toBe('support_closed');
    for (const status of ['answered', 'resolved', 'closed', 'rejected', 'merged'] as const)
      expect(supportRefusal({ ...open, status }, resident('ivan')), status).toBe('support_closed');
    const supportable = reportStatuses.filter(
      (status) => supportRefusal({ ...open, status }, resident('i')) === null,
    );
    expect(supportable).toHaveLength(9);
  });

  it('lets support be withdrawn while the report is open', () => {
    expect(withdrawRefusal(open, resident('ivan'))).toBeNull();
    expect(withdrawRefusal({ ...open, status: 'closed' }, resident('ivan'))).toBe('support_closed');
  });
});

describe('shortText', () => {
  it('keeps a short text whole, on one line', () => {
    expect(shortText('Не горит\n  фонарь')).toBe('Не горит фонарь');
  });

  it('cuts a long one at a word, within the limit', () => {
    const text = `${'слово '.repeat(60)}конец`;
    const cut = shortText(text, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('слово…')).toBe(true);
  });

  it('cuts inside a word when there is no space near the end', () => {
    expect(shortText('а'.repeat(300), 20)).toBe(`${'а'.repeat(19)}…`);
  });
});

describe('boxDegrees', () => {
  it('covers the radius in latitude and the wider degree of longitude further north', () => {
    const atEquator = boxDegrees(250, 0);
    const atSpb = boxDegrees(250, 60);
    expect(atEquator * 110_574).toBeGreaterThanOrEqual(250);
    // At 60° a degree of longitude is about half as long, so the box must be about twice as wide.
    expect(atSpb / atEquator).toBeCloseTo(2, 1);
    expect(Number.isFinite(boxDegrees(250, 90))).toBe(true);
  });
});

describe('merge body', () => {
  const id = '8a0c2a4e-6a55-4c39-9a51-3f0f5c1d2b7e';

  it('takes the primary by id or by number', () => {
    expect(mergeBodySchema.safeParse({ primaryId: id }).success).toBe(true);
    expect(mergeBodySchema.safeParse({ primaryNumber: 12, comment: 'тот же' }).success).toBe(true);
  });

  it('refuses both, neither, and anything else, naming the fields', () => {
    for (const body of [{}, { primaryId: id, primaryNumber: 12 }]) {
      const r = mergeBodySchema.safeParse(body);
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['primaryId', 'primaryNumber']);
    }
    expect(mergeBodySchema.safeParse({ primaryNumber: 0 }).success).toBe(false);
    expect(mergeBodySchema.safeParse({ primaryNumber: 1, extra: true }).success).toBe(false);
  });
});
