import { describe, expect, it } from 'vitest';
import {
  canTransition,
  finalStatuses,
  nextStatus,
  openStatuses,
  type ReportAction,
  type ReportStatus,
  reportActions,
  reportStatuses,
  transitions,
} from './report-states.ts';

/**
 * The machine as PRODUCT.md §2 B–C describes it, written out independently of the implementation's
 * table so that a change to either one shows up here.
 */
const expected: Record<ReportAction, { from: ReportStatus[]; to: ReportStatus | 'same' }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted', 'clarification_requested'], to: 'rejected' },
  'request-clarification': {
    from: ['submitted', 'assigned', 'in_progress', 'reopened'],
    to: 'clarification_requested',
  },
  clarify: { from: ['clarification_requested'], to: 'submitted' },
  assign: { from: ['accepted'], to: 'assigned' },
  start: { from: ['assigned', 'reopened'], to: 'in_progress' },
  'draft-answer': { from: ['in_progress', 'answer_drafted'], to: 'answer_drafted' },
  'submit-answer': { from: ['answer_drafted'], to: 'answer_review' },
  'publish-answer': { from: ['answer_review'], to: 'answered' },
  'return-answer': { from: ['answer_review'], to: 'answer_drafted' },
  rate: { from: ['answered'], to: 'same' },
  dispute: { from: ['answered', 'resolved'], to: 'disputed' },
  reopen: { from: ['disputed'], to: 'reopened' },
  close: {
    from: [
      'submitted',
      'clarification_requested',
      'accepted',
      'assigned',
      'in_progress',
      'answer_drafted',
      'answer_review',
      'answered',
      'resolved',
      'disputed',
      'reopened',
    ],
    to: 'closed',
  },
  recategorise: {
    from: ['submitted', 'clarification_requested', 'accepted', 'assigned', 'in_progress', 'reopened'],
    to: 'same',
  },
  redirect: { from: ['assigned', 'in_progress', 'reopened'], to: 'assigned' },
  'extend-deadline': {
    from: ['assigned', 'in_progress', 'answer_drafted', 'answer_review', 'reopened'],
    to: 'same',
  },
  merge: {
    from: [
      'submitted',
      'clarification_requested',
      'accepted',
      'assigned',
      'in_progress',
      'answer_drafted',
      'answer_review',
      'disputed',
      'reopened',
    ],
    to: 'merged',
  },
  // The handler returns the status recorded with the merge; the machine only knows it leaves 'merged'.
  unmerge: { from: ['merged'], to: 'same' },
};

describe('report status machine', () => {
  it('knows exactly the actions and statuses of the product', () => {
    expect([...reportActions].sort()).toEqual(Object.keys(expected).sort());
    expect([...reportStatuses].sort()).toEqual(
      [
        'submitted',
        'clarification_requested',
        'rejected',
        'accepted',
        'assigned',
        'in_progress',
        'answer_drafted',
        'answer_review',
        'answered',
        'resolved',
        'disputed',
        'reopened',
        'merged',
        'closed',
      ].sort(),
    );
  });

  describe.each(reportActions)('%s', (action) => {
    const spec = expected[action];

    it('is allowed from exactly its source statuses', () => {
      const allowed = reportStatuses.filter((s) => canTransition(action, s));
      expect(allowed.sort()).toEqual([...spec.from].sort());
      expect([...transitions[action].from].sort()).toEqual([...spec.from].sort());
    });

    it.each(spec.from)('from %s leads to its target', (from) => {
      expect(nextStatus(action, from)).toBe(spec.to === 'same' ? from : spec.to);
    });

    it('throws for every other status rather than inventing a transition', () => {
      const others = reportStatuses.filter((s) => !spec.from.includes(s));
      expect(others.length).toBeGreaterThan(0);
      for (const s of others) {
        expect(canTransition(action, s)).toBe(false);
        expect(() => nextStatus(action, s)).toThrow(`transition ${action} not allowed from ${s}`);
      }
    });
  });

  it('rating keeps the status (the service decides on "resolved")', () => {
    expect(transitions.rate.to).toBe('same');
    expect(nextStatus('rate', 'answered')).toBe('answered');
  });

  it('has no way out of a final status but undoing a merge', () => {
    expect([...finalStatuses].sort()).toEqual(['closed', 'merged', 'rejected']);
    for (const s of finalStatuses)
      expect(reportActions.filter((a) => canTransition(a, s))).toEqual(s === 'merged' ? ['unmerge'] : []);
  });

  it('has a way out of every status that is not final', () => {
    for (const s of reportStatuses.filter((x) => !finalStatuses.includes(x)))
      expect(
        reportActions.filter((a) => canTransition(a, s)),
        s,
      ).not.toEqual([]);
  });

  it('never targets submitted except through clarify, and merged only through merge', () => {
    for (const a of reportActions) {
      if (a !== 'clarify') expect(expected[a].to).not.toBe('submitted');
      for (const s of reportStatuses)
        if (canTransition(a, s) && a !== 'merge' && s !== 'merged')
          expect(nextStatus(a, s)).not.toBe('merged');
    }
  });

  it('merges only open reports, so a merged, closed or answered one is never a duplicate', () => {
    expect([...transitions.merge.from].sort()).toEqual([...openStatuses].sort());
  });

  it('counts as open work exactly the statuses someone still has to act on', () => {
    expect([...openStatuses].sort()).toEqual(
      [
        'submitted',
        'clarification_requested',
        'accepted',
        'assigned',
        'in_progress',
        'answer_drafted',
        'answer_review',
        'disputed',
        'reopened',
      ].sort(),
    );
  });

  it('can reach every status from submission', () => {
    const reached = new Set<ReportStatus>(['submitted']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of [...reached])
        for (const a of reportActions)
          if (canTransition(a, s)) {
            const to = nextStatus(a, s);
            if (!reached.has(to)) {
              reached.add(to);
              grew = true;
            }
          }
    }
    // `resolved` is the service's choice when a rating says "solved"; add it as the service does.
    reached.add('resolved');
    expect(reportStatuses.filter((s) => !reached.has(s))).toEqual([]);
  });
});
