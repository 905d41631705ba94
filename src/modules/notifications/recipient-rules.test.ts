import { describe, expect, it } from 'vitest';
import type { ReportFacts } from '../reports/report.policy.ts';
import {
  audiencesFor,
  type Candidate,
  pickRecipients,
  recipientRules,
  type TimelineEvent,
} from './recipient-rules.ts';

const report: ReportFacts = {
  status: 'in_progress',
  kind: 'report',
  authorId: 'author',
  isPublic: true,
  organisationId: 'org-light',
  territoryId: 'central',
  territoryParentId: 'city',
  answeredAt: null,
  ratedCurrentAnswer: false,
};

const ev = (type: string, over: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: 1,
  type,
  isPublic: true,
  actorId: 'moderator',
  payload: {},
  ...over,
});

const person = (id: string, audience: Candidate['audience'], over: Partial<Candidate> = {}): Candidate => ({
  id,
  role: 'resident',
  organisationId: null,
  territoryId: null,
  audience,
  ...over,
});

const author = person('author', 'author');
const follower = person('follower', 'followers');
const operator = person('op', 'operators', { role: 'operator', organisationId: 'org-light' });
const otherOperator = person('op2', 'operators', { role: 'operator', organisationId: 'org-roads' });
const curator = person('cur', 'curators', { role: 'curator', territoryId: 'city' });

describe('recipient rules', () => {
  it('defaults: public events to the author and followers, internal events to nobody', () => {
    expect(audiencesFor(ev('some_future_type'))).toEqual(['author', 'followers']);
    expect(audiencesFor(ev('some_future_type', { isPublic: false }))).toEqual([]);
  });

  it('addresses internal events to whom they concern', () => {
    expect(audiencesFor(ev('clarification_requested', { isPublic: false }))).toEqual(['author']);
    expect(audiencesFor(ev('sent_to_curator', { isPublic: false }))).toEqual(['curators']);
    expect(audiencesFor(ev('answer_returned', { isPublic: false }))).toEqual(['operators']);
    expect(audiencesFor(ev('answer_drafted', { isPublic: false }))).toEqual([]);
  });

  it('escalation goes to the operators or to the curators by its level', () => {
    expect(audiencesFor(ev('escalated', { payload: { level: 'operator' } }))).toEqual(['operators']);
    expect(audiencesFor(ev('escalated', { payload: { level: 'curator' } }))).toEqual(['curators']);
    expect(audiencesFor(ev('redirected'))).toContain('operators');
  });

  it('every rule names only known audiences', () => {
    const known = new Set(['author', 'followers', 'operators', 'curators']);
    for (const [type, rule] of Object.entries(recipientRules)) {
      const list = typeof rule === 'function' ? rule(ev(type)) : rule;
      for (const a of list) expect(known.has(a), `${type}: ${a}`).toBe(true);
    }
  });

  it('never tells the person who did it, and tells each person once', () => {
    const e = ev('disputed', { actorId: 'author' });
    const picked = pickRecipients(e, report, [author, follower, follower, operator]);
    expect(picked.map((p) => p.id)).toEqual(['follower', 'op']);
  });

  it('followers get public events of publicly visible reports only', () => {
    expect(pickRecipients(ev('accepted', { isPublic: false }), report, [follower])).toEqual([]);
    expect(pickRecipients(ev('accepted'), { ...report, isPublic: false }, [follower, author])).toEqual([
      author,
    ]);
    expect(pickRecipients(ev('accepted'), { ...report, kind: 'appeal' }, [follower])).toEqual([]);
    expect(pickRecipients(ev('accepted'), { ...report, status: 'submitted' }, [follower])).toEqual([]);
    expect(pickRecipients(ev('accepted'), report, [follower])).toEqual([follower]);
  });

  it('staff are told only about reports in their scope', () => {
    const picked = pickRecipients(ev('deadline_overdue'), { ...report, isPublic: false }, [
      operator,
      otherOperator,
      curator,
      person('cur2', 'curators', { role: 'curator', territoryId: 'nevsky' }),
    ]);
    expect(picked.map((p) => p.id)).toEqual(['op', 'cur']);
  });
});
