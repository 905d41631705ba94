import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.ts';
import {
  allowedActions,
  canSeeAnswerDraft,
  canSeeAuthorData,
  canView,
  disputeDeadline,
  isPubliclyVisible,
  type ReportFacts,
  withinDisputeWindow,
} from './report.policy.ts';
import { type ReportStatus, reportStatuses } from './report-states.ts';

const REGION = 'region-spb';
const CENTRAL = 'district-central';
const NEVSKY = 'district-nevsky';
const ORG = 'org-light';
const OTHER_ORG = 'org-roads';
const DAY = 24 * 60 * 60 * 1000;
const WINDOW = 7;
const NOW = new Date('2026-03-10T12:00:00Z');

const actor = (id: string, role: Actor['role'], scope: Partial<Actor> = {}): Actor => ({
  id,
  role,
  organisationId: null,
  territoryId: null,
  ...scope,
});

const author = actor('u-author', 'resident');
const otherResident = actor('u-other', 'resident');
const moderator = actor('u-mod', 'moderator');
const admin = actor('u-admin', 'admin');
const analyst = actor('u-analyst', 'analyst');
const operator = actor('u-op', 'operator', { organisationId: ORG });
const otherOperator = actor('u-op2', 'operator', { organisationId: OTHER_ORG });
const operatorWithoutOrg = actor('u-op3', 'operator');
const districtCurator = actor('u-cur-d', 'curator', { territoryId: CENTRAL });
const regionCurator = actor('u-cur-r', 'curator', { territoryId: REGION });
const outOfScopeCurator = actor('u-cur-n', 'curator', { territoryId: NEVSKY });
const curatorWithoutTerritory = actor('u-cur-0', 'curator');

function facts(over: Partial<ReportFacts> = {}): ReportFacts {
  return {
    status: 'assigned',
    kind: 'report',
    authorId: author.id,
    isPublic: true,
    organisationId: ORG,
    territoryId: CENTRAL,
    territoryParentId: REGION,
    answeredAt: null,
    ratedCurrentAnswer: false,
    assignmentBinding: false,
    ...over,
  };
}

const hidden: ReportStatus[] = ['submitted', 'clarification_requested', 'rejected'];
const shown = reportStatuses.filter((s) => !hidden.includes(s));

describe('canView', () => {
  it.each(shown)('lets anyone see a public report in %s', (status) => {
    const r = facts({ status });
    expect(isPubliclyVisible(r)).toBe(true);
    for (const a of [null, otherResident, otherOperator, outOfScopeCurator]) expect(canView(r, a)).toBe(true);
  });

  it.each(hidden)(
    'hides a public report in %s from the public, other residents, other organisations and other districts',
    (status) => {
      const r = facts({ status });
      expect(isPubliclyVisible(r)).toBe(false);
      for (const a of [
        null,
        otherResident,
        otherOperator,
        outOfScopeCurator,
        operatorWithoutOrg,
        curatorWithoutTerritory,
      ])
        expect(canView(r, a)).toBe(false);
    },
  );

  it('shows a private report only to its author, moderators, admins, analysts, the organisation and curators in scope', () => {
    const r = facts({ isPublic: false });
    for (const a of [author, moderator, admin, analyst, operator, districtCurator, regionCurator])
      expect(canView(r, a), a.id).toBe(true);
    for (const a of [
      null,
      otherResident,
      otherOperator,
      outOfScopeCurator,
      operatorWithoutOrg,
      curatorWithoutTerritory,
    ])
      expect(canView(r, a), a?.id ?? 'visitor').toBe(false);
  });

  it('never shows an appeal to the public, even when flagged public', () => {
    const r = facts({ kind: 'appeal', isPublic: true, status: 'in_progress' });
    expect(isPubliclyVisible(r)).toBe(false);
    expect(canView(r, null)).toBe(false);
    expect(canView(r, otherResident)).toBe(false);
    expect(canView(r, author)).toBe(true);
  });

  it('scopes the curator by district and, through territoryParentId, by region', () => {
    const submitted = facts({ status: 'submitted', isPublic: false });
    expect(canView(submitted, districtCurator)).toBe(true);
    expect(canView(submitted, regionCurator)).toBe(true);
    expect(canView(submitted, outOfScopeCurator)).toBe(false);
    // A report without a known parent is in the region curator's scope only if it sits in the region itself.
    expect(canView({ ...submitted, territoryParentId: null }, regionCurator)).toBe(false);
    expect(canView({ ...submitted, territoryId: REGION, territoryParentId: null }, regionCurator)).toBe(true);
  });

  it('gives an operator the organisation’s reports only, and nothing before assignment', () => {
    const unassigned = facts({ status: 'submitted', isPublic: false, organisationId: null });
    expect(canView(unassigned, operator)).toBe(false);
    expect(canView(facts({ isPublic: false }), operator)).toBe(true);
    expect(canView(facts({ isPublic: false }), otherOperator)).toBe(false);
  });
});

describe('canSeeAuthorData', () => {
  it('is for moderators, admins, the organisation’s operators and curators in scope', () => {
    const r = facts({ isPublic: false });
    for (const a of [moderator, admin, operator, districtCurator, regionCurator])
      expect(canSeeAuthorData(r, a), a.id).toBe(true);
  });

  it('is never for analysts, visitors, other residents, other organisations or other districts', () => {
    for (const isPublic of [true, false]) {
      const r = facts({ isPublic });
      for (const a of [
        null,
        analyst,
        otherResident,
        otherOperator,
        outOfScopeCurator,
        operatorWithoutOrg,
        curatorWithoutTerritory,
      ])
        expect(canSeeAuthorData(r, a), a?.id ?? 'visitor').toBe(false);
    }
  });

  it('goes with seeing drafts: the analyst sees neither', () => {
    const r = facts({ status: 'answer_review' });
    expect(canSeeAnswerDraft(r, analyst)).toBe(false);
    expect(canSeeAnswerDraft(r, null)).toBe(false);
    expect(canSeeAnswerDraft(r, author)).toBe(false);
    expect(canSeeAnswerDraft(r, operator)).toBe(true);
    expect(canSeeAnswerDraft(r, moderator)).toBe(true);
  });
});

describe('allowedActions', () => {
  const answeredAt = new Date(NOW.getTime() - DAY);
  const allowed = (status: ReportStatus, a: Actor | null, over: Partial<ReportFacts> = {}) =>
    allowedActions(
      facts({
        status,
        answeredAt: ['answered', 'resolved', 'disputed', 'reopened'].includes(status) ? answeredAt : null,
        ...over,
      }),
      a,
      NOW,
      WINDOW,
    );

  const table: [ReportStatus, Actor, string[]][] = [
    ['submitted', moderator, ['accept', 'reject', 'request-clarification', 'recategorise', 'merge']],
    ['submitted', admin, ['accept', 'reject', 'request-clarification', 'close', 'recategorise', 'merge']],
    ['submitted', districtCurator, ['close', 'recategorise', 'merge']],
    ['submitted', regionCurator, ['close', 'recategorise', 'merge']],
    ['submitted', outOfScopeCurator, []],
    ['submitted', author, []],
    ['submitted', analyst, []],
    ['clarification_requested', author, ['clarify']],
    ['clarification_requested', moderator, ['reject', 'recategorise', 'merge']],
    ['clarification_requested', districtCurator, ['close', 'recategorise', 'merge']],
    ['accepted', districtCurator, ['assign', 'close', 'recategorise', 'merge']],
    ['accepted', admin, ['assign', 'close', 'recategorise', 'merge']],
    ['accepted', moderator, ['recategorise', 'merge']],
    ['accepted', outOfScopeCurator, []],
    ['assigned', operator, ['request-clarification', 'start', 'recategorise', 'redirect', 'merge']],
    // Another organisation's report is not theirs to merge (docs/security.md, policy decisions).
    ['assigned', otherOperator, []],
    ['assigned', admin, ['request-clarification', 'start', 'close', 'recategorise', 'redirect', 'merge']],
    ['assigned', districtCurator, ['close', 'recategorise', 'redirect', 'merge']],
    ['assigned', moderator, ['request-clarification', 'recategorise', 'merge']],
    ['in_progress', operator, ['request-clarification', 'draft-answer', 'recategorise', 'redirect', 'merge']],
    ['in_progress', moderator, ['request-clarification', 'recategorise', 'merge']],
    ['answer_drafted', operator, ['draft-answer', 'submit-answer', 'merge']],
    ['answer_review', moderator, ['publish-answer', 'return-answer', 'merge']],
    ['answer_review', districtCurator, ['publish-answer', 'return-answer', 'close', 'merge']],
    ['answer_review', operator, ['merge']],
    ['answer_review', author, []],
    ['answered', author, ['rate', 'dispute']],
    ['answered', otherResident, []],
    ['answered', moderator, []],
    ['answered', districtCurator, ['close']],
    ['resolved', author, ['dispute']],
    ['resolved', districtCurator, ['close']],
    ['resolved', moderator, []],
    ['disputed', districtCurator, ['reopen', 'close', 'merge']],
    ['disputed', moderator, ['reopen', 'merge']],
    ['disputed', author, []],
    ['reopened', operator, ['request-clarification', 'start', 'recategorise', 'redirect', 'merge']],
    ['reopened', regionCurator, ['close', 'recategorise', 'redirect', 'merge']],
  ];

  it.each(table.map(([s, a, want]) => [s, a.id, a, want] as const))('%s, %s', (status, _id, a, want) => {
    expect(allowed(status, a)).toEqual(want);
  });

  it('gives a visitor nothing, in any status', () => {
    for (const s of reportStatuses) expect(allowed(s, null)).toEqual([]);
  });

  it('gives nobody anything in a final status but staff undoing a merge', () => {
    for (const s of ['rejected', 'merged', 'closed'] as const)
      for (const a of [author, moderator, admin, analyst, operator, districtCurator, regionCurator])
        expect(allowed(s, a)).toEqual(s === 'merged' && a !== author && a !== analyst ? ['unmerge'] : []);
  });

  it('never offers to merge an appeal', () => {
    expect(allowed('in_progress', moderator, { kind: 'appeal' })).toEqual([
      'request-clarification',
      'recategorise',
    ]);
  });

  it('lets the author rate only once per answer', () => {
    expect(allowed('answered', author, { ratedCurrentAnswer: true })).toEqual(['dispute']);
  });

  it('never lets an analyst act', () => {
    for (const s of reportStatuses) expect(allowed(s, analyst)).toEqual([]);
  });
});

describe('dispute window', () => {
  const answeredAt = new Date('2026-03-02T09:00:00Z');
  const r = facts({ status: 'answered', answeredAt });
  const deadline = new Date(answeredAt.getTime() + WINDOW * DAY);

  it('ends exactly the configured number of days after publication', () => {
    expect(disputeDeadline(r, WINDOW)).toEqual(deadline);
    expect(disputeDeadline(r, 14)).toEqual(new Date(answeredAt.getTime() + 14 * DAY));
    expect(disputeDeadline(facts({ answeredAt: null }), WINDOW)).toBeNull();
  });

  it('is open at the last millisecond and closed one millisecond later', () => {
    expect(withinDisputeWindow(r, answeredAt, WINDOW)).toBe(true);
    expect(withinDisputeWindow(r, deadline, WINDOW)).toBe(true);
    expect(withinDisputeWindow(r, new Date(deadline.getTime() + 1), WINDOW)).toBe(false);
    expect(allowedActions(r, author, deadline, WINDOW)).toEqual(['rate', 'dispute']);
    expect(allowedActions(r, author, new Date(deadline.getTime() + 1), WINDOW)).toEqual(['rate']);
  });

  it('is closed when nothing was ever published', () => {
    expect(withinDisputeWindow(facts({ answeredAt: null }), NOW, WINDOW)).toBe(false);
    expect(allowedActions(facts({ status: 'answered', answeredAt: null }), author, NOW, WINDOW)).toEqual([
      'rate',
    ]);
  });

  it('applies to a resolved report too', () => {
    const resolved = facts({ status: 'resolved', answeredAt });
    expect(allowedActions(resolved, author, deadline, WINDOW)).toEqual(['dispute']);
    expect(allowedActions(resolved, author, new Date(deadline.getTime() + 1), WINDOW)).toEqual([]);
  });
});
