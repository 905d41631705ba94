import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import {
  ANSWER_TEXT,
  act,
  auditActions,
  categoryIdCached,
  type DriveTarget,
  driveTo,
  errorOf,
  fieldPaths,
  getReport,
  loginStaff,
  type Staff,
  snapshot,
} from '../support/reports.ts';

/** Who runs a command: the report's author, another resident, or one of the demo staff. */
type Role = 'author' | 'other' | keyof Staff;

type Case = {
  action: string;
  /** The status the command starts from on the success path. */
  from: DriveTarget;
  by: Role;
  body: object | ((ids: Ids) => object);
  to: string;
  /** A role that can see the report in `from` but may not run the command. */
  wrongRole: Role;
  /** A status the `by` role can see the report in, where the command is not available. */
  wrongStatus: DriveTarget;
  /** The refusal's code there, where more specific than invalid_transition. */
  wrongStatusCode?: string;
  /** Bodies the schema refuses, with the fields each problem is about. */
  badBodies: [object, string[]][];
};

type Ids = { admCentral: string; yardLight: string };

const REASON = 'Сообщение не относится к компетенции';
const answer = (extra: object = {}) => ({ text: ANSWER_TEXT, ...extra });

const cases: Case[] = [
  {
    action: 'accept',
    from: 'submitted',
    by: 'moderator',
    body: {},
    to: 'assigned',
    wrongRole: 'curator',
    wrongStatus: 'assigned',
    badBodies: [
      [{ comment: 5 }, ['comment']],
      [{ extra: true }, ['']],
    ],
  },
  {
    action: 'reject',
    from: 'submitted',
    by: 'moderator',
    body: { reason: REASON },
    to: 'rejected',
    wrongRole: 'analyst',
    wrongStatus: 'assigned',
    badBodies: [
      [{}, ['reason']],
      [{ reason: 'нет' }, ['reason']],
    ],
  },
  {
    action: 'request-clarification',
    from: 'submitted',
    by: 'moderator',
    body: { question: 'Уточните номер дома' },
    to: 'clarification_requested',
    wrongRole: 'author',
    wrongStatus: 'clarification_requested',
    badBodies: [
      [{}, ['question']],
      [{ reason: REASON }, ['', 'question']],
    ],
  },
  {
    action: 'clarify',
    from: 'clarification_requested',
    by: 'author',
    body: { answer: 'Дом 12, второй подъезд' },
    to: 'submitted',
    wrongRole: 'moderator',
    wrongStatus: 'submitted',
    badBodies: [
      [{}, ['answer']],
      [{ answer: 'Дом 12', extra: 1 }, ['']],
    ],
  },
  {
    action: 'assign',
    from: 'accepted',
    by: 'curator',
    body: (ids) => ({ organisationId: ids.admCentral }),
    to: 'assigned',
    wrongRole: 'moderator',
    wrongStatus: 'submitted',
    badBodies: [
      [{ organisationId: 'adm-tsentralny' }, ['organisationId']],
      [{}, ['organisationId']],
    ],
  },
  {
    action: 'start',
    from: 'assigned',
    by: 'opLight',
    body: {},
    to: 'in_progress',
    wrongRole: 'moderator',
    wrongStatus: 'in_progress',
    badBodies: [[{ now: true }, ['']]],
  },
  {
    action: 'draft-answer',
    from: 'in_progress',
    by: 'opLight',
    body: answer({ result: 'solved' }),
    to: 'answer_drafted',
    wrongRole: 'moderator',
    wrongStatus: 'assigned',
    badBodies: [
      [answer({ result: 'planned' }), ['plannedDate']],
      [answer({ result: 'rejected' }), ['legalReason']],
      [answer({ result: 'planned', plannedDate: '2026-13-45' }), ['plannedDate']],
      // Year 0 is a valid ISO date PostgreSQL has no date for (a 500 before it was bounded).
      [answer({ result: 'planned', plannedDate: '0000-01-01' }), ['plannedDate']],
      [{ text: 'Сделано', result: 'maybe' }, ['text', 'result']],
      [answer({ result: 'solved', mediaIds: ['x'] }), ['mediaIds.0']],
    ],
  },
  {
    action: 'submit-answer',
    from: 'answer_drafted',
    by: 'opLight',
    body: {},
    to: 'answer_review',
    wrongRole: 'curator',
    wrongStatus: 'in_progress',
    badBodies: [[{ text: ANSWER_TEXT }, ['']]],
  },
  {
    action: 'publish-answer',
    from: 'answer_review',
    by: 'moderator',
    body: {},
    to: 'answered',
    wrongRole: 'opLight',
    wrongStatus: 'answer_drafted',
    badBodies: [[{ publish: 'yes' }, ['']]],
  },
  {
    action: 'return-answer',
    from: 'answer_review',
    by: 'curator',
    body: { comment: 'Приложите фото после работ' },
    to: 'answer_drafted',
    wrongRole: 'opLight',
    wrongStatus: 'answered',
    badBodies: [
      [{}, ['comment']],
      [{ comment: 'нет' }, ['comment']],
    ],
  },
  {
    action: 'rate',
    from: 'answered',
    by: 'author',
    body: { score: 4, solved: true },
    to: 'resolved',
    wrongRole: 'moderator',
    wrongStatus: 'in_progress',
    badBodies: [
      [{ score: 6, solved: true }, ['score']],
      [{ score: 0, solved: true }, ['score']],
      [{ score: 2.5 }, ['score', 'solved']],
      [{ score: 3, solved: true, stars: 3 }, ['']],
    ],
  },
  {
    action: 'dispute',
    from: 'answered',
    by: 'author',
    body: { comment: 'Фонарь по-прежнему не горит' },
    to: 'disputed',
    wrongRole: 'opLight',
    wrongStatus: 'in_progress',
    badBodies: [
      [{}, ['comment']],
      [{ comment: 'Фонарь не горит', mediaIds: 'x' }, ['mediaIds']],
    ],
  },
  {
    action: 'reopen',
    from: 'disputed',
    by: 'curator',
    body: {},
    to: 'reopened',
    wrongRole: 'author',
    wrongStatus: 'answered',
    badBodies: [[{ comment: 1 }, ['comment']]],
  },
  {
    action: 'close',
    from: 'assigned',
    by: 'curator',
    body: { reason: 'Дубликат другого сообщения' },
    to: 'closed',
    wrongRole: 'moderator',
    wrongStatus: 'rejected',
    badBodies: [[{}, ['reason']]],
  },
  {
    action: 'recategorise',
    from: 'assigned',
    by: 'opLight',
    body: (ids) => ({ categoryId: ids.yardLight }),
    to: 'assigned',
    wrongRole: 'analyst',
    wrongStatus: 'answered',
    badBodies: [
      [{ categoryId: 'yard-light' }, ['categoryId']],
      [{}, ['categoryId']],
    ],
  },
  {
    action: 'redirect',
    from: 'in_progress',
    by: 'opLight',
    body: (ids) => ({ organisationId: ids.admCentral, reason: REASON }),
    to: 'assigned',
    wrongRole: 'moderator',
    wrongStatus: 'answered',
    badBodies: [
      [{ organisationId: 'adm-tsentralny', reason: REASON }, ['organisationId']],
      [{ organisationId: '00000000-0000-4000-8000-000000000000' }, ['reason']],
      [{}, ['organisationId', 'reason']],
    ],
  },
  {
    action: 'extend-deadline',
    from: 'in_progress',
    by: 'opLight',
    body: { days: 3, reason: 'Нужна подрядная организация, заявка подана' },
    to: 'in_progress',
    wrongRole: 'curator',
    // An answered report has no running deadline.
    wrongStatus: 'answered',
    wrongStatusCode: 'deadline_not_running',
    badBodies: [
      [{ days: 0, reason: REASON }, ['days']],
      [{ days: -2, reason: REASON }, ['days']],
      [{ days: 31, reason: REASON }, ['days']],
      [{ days: 1.5 }, ['days', 'reason']],
      [{ days: 3, reason: '' }, ['reason']],
    ],
  },
];

describe('report actions: success, and refusals that change nothing', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let other: Session;
  let ids: Ids;
  const who = (role: Role): Session => (role === 'author' ? author : role === 'other' ? other : staff[role]);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    other = await newResident(t.app);
    ids = {
      admCentral: await organisationId(t.app, 'adm-tsentralny'),
      yardLight: await categoryIdCached(t, 'yard-light'),
    };
  });
  afterAll(() => t.close());

  it('covers every action', async () => {
    const { reportActions } = await import('../../src/modules/reports/report-states.ts');
    // Merging needs a second report: merge and unmerge have their own file (duplicates-merge.test.ts).
    const elsewhere = ['merge', 'unmerge'];
    expect(cases.map((c) => c.action).sort()).toEqual(
      reportActions.filter((a) => !elsewhere.includes(a)).sort(),
    );
  });

  describe.each(cases)('$action', (c) => {
    let id: string;
    const body = () => (typeof c.body === 'function' ? c.body(ids) : c.body);
    /** Runs a command that must be refused with `status`/`code`, and checks that it changed nothing. */
    const refused = async (
      reportId: string,
      role: Role | null,
      payload: object,
      status: number,
      code: string,
    ) => {
      const before = await snapshot(t, reportId);
      const res = await act(t, role ? who(role) : null, reportId, c.action, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(await snapshot(t, reportId)).toEqual(before);
      return res;
    };

    beforeAll(async () => {
      id = (await driveTo(t, staff, author, c.from)).id;
    });

    it(`refuses the ${c.wrongRole} (who can see the report) with 403 forbidden`, async () => {
      expect((await getReport(t, who(c.wrongRole), id)).statusCode).toBe(200);
      await refused(id, c.wrongRole, body(), 403, 'forbidden');
    });

    it(`refuses it from ${c.wrongStatus} with 409 ${c.wrongStatusCode ?? 'invalid_transition'}`, async () => {
      const elsewhere = (await driveTo(t, staff, author, c.wrongStatus)).id;
      expect((await getReport(t, who(c.by), elsewhere)).statusCode).toBe(200);
      await refused(elsewhere, c.by, body(), 409, c.wrongStatusCode ?? 'invalid_transition');
    });

    it('refuses a bad body with 400 and every problem listed', async () => {
      for (const [bad, fields] of c.badBodies) {
        const res = await refused(id, c.by, bad, 400, 'validation_failed');
        expect(fieldPaths(res).sort(), JSON.stringify(bad)).toEqual([...fields].sort());
      }
    });

    it('refuses a visitor with 401 and someone who cannot see the report with 404', async () => {
      await refused(id, null, body(), 401, 'unauthenticated');
      // The Nevsky district administration's operator sees nothing of a Central report before it is public.
      if (['submitted', 'clarification_requested'].includes(c.from))
        await refused(id, 'opNevsky', body(), 404, 'report_not_found');
    });

    it(`lets the ${c.by} run it: ${c.from} → ${c.to}, with an event and an audit row`, async () => {
      const before = await snapshot(t, id);
      const res = await act(t, who(c.by), id, c.action, body());
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe(c.to);
      const after = await snapshot(t, id);
      expect(after.status).toBe(c.to);
      expect(after.events).toBeGreaterThan(before.events);
      expect(
        (await auditActions(t, id)).filter((a) => a.action !== 'report.read_personal_data').at(-1),
      ).toMatchObject({ action: `report.${c.action}`, details: { from: c.from, to: c.to } });
      // The new status is what everyone who can see the report reads.
      expect((await getReport(t, author, id)).json().status).toBe(c.to);
    });
  });
});
