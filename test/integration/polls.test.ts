import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { apiError, call, hours, verifiedResident } from '../support/participation.ts';
import { loginStaff, rows, type Staff, territories } from '../support/reports.ts';

type PollJson = {
  id: string;
  descriptionHtml: string;
  status: string;
  state: string;
  questions: {
    id: string;
    kind: string;
    options: { id: string; text: string }[];
    showIf: { questionId: string; optionIds: string[] } | null;
  }[];
  allowedActions: string[];
};

/** A survey with every kind of question; q3 (text) shows only when q0 has "Да" chosen. */
function surveyBody(t: TestApp, over: Record<string, unknown> = {}) {
  return {
    title: 'Благоустройство двора',
    description: 'Ответьте на **несколько** вопросов.',
    opensAt: hours(t, 1),
    closesAt: hours(t, 48),
    questions: [
      {
        kind: 'single',
        text: 'Нужна ли детская площадка?',
        required: true,
        options: [{ text: 'Да' }, { text: 'Нет' }],
      },
      {
        kind: 'multiple',
        text: 'Что добавить?',
        options: [{ text: 'Скамейки' }, { text: 'Освещение' }, { text: 'Клумбы' }],
        maxChoices: 2,
      },
      { kind: 'scale', text: 'Оцените двор', required: true, scale: { min: 1, max: 5 } },
      {
        kind: 'text',
        text: 'Какую площадку вы хотите?',
        required: true,
        showIf: { question: 0, options: [0] },
      },
      {
        kind: 'ranking',
        text: 'Расставьте по важности',
        options: [{ text: 'A' }, { text: 'B' }, { text: 'C' }],
      },
    ],
    ...over,
  };
}

describe('polls and surveys', () => {
  let t: TestApp;
  let staff: Staff;
  let nevsky: string;
  let central: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    const map = await territories(t);
    nevsky = map.get('nevsky')!.id;
    central = map.get('tsentralny')!.id;
  });
  afterAll(() => t.close());

  async function createPoll(body: Record<string, unknown>, who: Session = staff.admin): Promise<PollJson> {
    const res = await call(t, 'POST', '/api/v1/polls', who, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as PollJson;
  }

  async function publishedPoll(over: Record<string, unknown> = {}): Promise<PollJson> {
    const poll = await createPoll(surveyBody(t, over));
    const res = await call(t, 'POST', `/api/v1/polls/${poll.id}/actions/publish`, staff.admin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PollJson;
  }

  /** A full valid ballot for the survey (q0 = Да, so q3 is shown and answered). */
  function fullBallot(p: PollJson) {
    const [q0, q1, q2, q3, q4] = p.questions;
    return {
      answers: [
        { questionId: q0!.id, optionIds: [q0!.options[0]!.id] },
        { questionId: q1!.id, optionIds: [q1!.options[0]!.id, q1!.options[1]!.id] },
        { questionId: q2!.id, value: 4 },
        { questionId: q3!.id, text: 'Для малышей' },
        { questionId: q4!.id, ranking: [q4!.options[2]!.id, q4!.options[0]!.id, q4!.options[1]!.id] },
      ],
    };
  }

  async function ballotCount(pollId: string): Promise<number> {
    const [r] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM poll_ballots WHERE poll_id = ${pollId}`,
    );
    return r!.n;
  }

  describe('building', () => {
    it('creates a draft with ids for questions and options, and showIf as ids', async () => {
      const poll = await createPoll(surveyBody(t));
      expect(poll.status).toBe('draft');
      expect(poll.state).toBe('draft');
      expect(poll.questions).toHaveLength(5);
      expect(poll.questions[0]!.options.map((o) => o.text)).toEqual(['Да', 'Нет']);
      expect(poll.questions[3]!.showIf).toEqual({
        questionId: poll.questions[0]!.id,
        optionIds: [poll.questions[0]!.options[0]!.id],
      });
      expect(poll.allowedActions).toEqual(expect.arrayContaining(['edit', 'publish']));
      // The description is Markdown rendered as safe HTML.
      expect(poll.descriptionHtml).toContain('<strong>несколько</strong>');
      // HTML and unsafe links are refused, each listed, rather than silently cleaned.
      const unsafe = await call(
        t,
        'POST',
        '/api/v1/polls',
        staff.admin,
        surveyBody(t, { description: 'Hi <script>alert(1)</script> [x](javascript:alert(1))' }),
      );
      expect(apiError(unsafe).details.map((d) => d.path)).toEqual(['description', 'description']);
      const resident = await newResident(t.app);
      expect((await call(t, 'GET', `/api/v1/polls/${poll.id}`, resident)).statusCode).toBe(404);
      const list = (await call(t, 'GET', '/api/v1/polls', resident)).json() as { items: { id: string }[] };
      expect(list.items.map((p) => p.id)).not.toContain(poll.id);
    });

    it('refuses a showIf that points forward, at itself or at a missing option, listing every problem', async () => {
      const body = surveyBody(t);
      body.questions[1] = { ...body.questions[1]!, showIf: { question: 1, options: [0] } } as never;
      body.questions[2] = { ...body.questions[2]!, showIf: { question: 4, options: [0] } } as never;
      body.questions[3] = { ...body.questions[3]!, showIf: { question: 0, options: [5] } } as never;
      const res = await call(t, 'POST', '/api/v1/polls', staff.admin, body);
      expect(res.statusCode).toBe(400);
      const e = apiError(res);
      expect(e.code).toBe('validation_failed');
      expect(e.details.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          'questions.1.showIf.question',
          'questions.2.showIf.question',
          'questions.3.showIf.options.0',
        ]),
      );
    });

    it('lets only admins and curators in their territory build polls', async () => {
      const resident = await newResident(t.app);
      expect((await call(t, 'POST', '/api/v1/polls', resident, surveyBody(t))).statusCode).toBe(403);
      const outside = await call(t, 'POST', '/api/v1/polls', staff.curatorNevsky, {
        ...surveyBody(t),
        audience: { territoryIds: [central] },
      });
      expect(apiError(outside).code).toBe('territory_out_of_scope');
      await createPoll({ ...surveyBody(t), audience: { territoryIds: [nevsky] } }, staff.curatorNevsky);
    });

    it('locks the questions once a ballot exists', async () => {
      const poll = await publishedPoll({ opensAt: hours(t, -1) });
      const changed = { ...surveyBody(t, { opensAt: hours(t, -1) }), title: 'Новое название' };
      expect((await call(t, 'PUT', `/api/v1/polls/${poll.id}`, staff.admin, changed)).statusCode).toBe(200);
      const again = (await call(t, 'GET', `/api/v1/polls/${poll.id}`, staff.admin)).json() as PollJson;
      const resident = await newResident(t.app);
      expect(
        (await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(again))).statusCode,
      ).toBe(200);
      const locked = await call(t, 'PUT', `/api/v1/polls/${poll.id}`, staff.admin, changed);
      expect(apiError(locked).code).toBe('questions_locked');
    });
  });

  describe('times (the clock injected)', () => {
    it('refuses a draft, a poll not yet open and a closed one', async () => {
      const resident = await newResident(t.app);
      const draft = await createPoll(surveyBody(t, { opensAt: hours(t, -1) }));
      expect(
        apiError(await call(t, 'PUT', `/api/v1/polls/${draft.id}/ballot`, resident, fullBallot(draft))).code,
      ).toBe('poll_not_open');
      const poll = await publishedPoll({ opensAt: hours(t, 1), closesAt: hours(t, 3) });
      const early = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(poll));
      expect(apiError(early).code).toBe('poll_not_open');
      t.clock.advance(2 * 3_600_000);
      expect(
        (await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(poll))).statusCode,
      ).toBe(200);
      t.clock.advance(2 * 3_600_000);
      const late = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(poll));
      expect(apiError(late).code).toBe('poll_closed');
    });
  });

  describe('audience', () => {
    it('by verification: verified-only polls refuse residents without a verified address', async () => {
      const poll = await publishedPoll({
        opensAt: hours(t, -1),
        audience: { territoryIds: [], verifiedOnly: true },
      });
      const plain = await newResident(t.app);
      const res = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, plain, fullBallot(poll));
      expect(res.statusCode).toBe(403);
      expect(apiError(res).code).toBe('verification_required');
      const verified = await verifiedResident(t, central);
      expect(
        (await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, verified, fullBallot(poll))).statusCode,
      ).toBe(200);
    });

    it('by territory: residents verified elsewhere are refused, those of the district (or region) accepted', async () => {
      const poll = await publishedPoll({
        opensAt: hours(t, -1),
        audience: { territoryIds: [nevsky], verifiedOnly: true },
      });
      const elsewhere = await verifiedResident(t, central);
      const res = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, elsewhere, fullBallot(poll));
      expect(apiError(res).code).toBe('not_in_audience');
      const local = await verifiedResident(t, nevsky);
      expect(
        (await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, local, fullBallot(poll))).statusCode,
      ).toBe(200);
      // A poll open to every signed-in resident of a district still refuses one verified elsewhere.
      const open = await publishedPoll({ opensAt: hours(t, -1), audience: { territoryIds: [nevsky] } });
      expect(
        apiError(await call(t, 'PUT', `/api/v1/polls/${open.id}/ballot`, elsewhere, fullBallot(open))).code,
      ).toBe('not_in_audience');
      const unverified = await newResident(t.app);
      expect(
        (await call(t, 'PUT', `/api/v1/polls/${open.id}/ballot`, unverified, fullBallot(open))).statusCode,
      ).toBe(200);
    });
  });

  it('lists the polls and votes of a district: its own and region-wide ones, not other districts’', async () => {
    const local = await publishedPoll({ audience: { territoryIds: [nevsky] } });
    const elsewhere = await publishedPoll({ audience: { territoryIds: [central] } });
    const everywhere = await publishedPoll();
    const ids = async (path: string) =>
      ((await call(t, 'GET', path, null)).json() as { items: { id: string }[] }).items.map((p) => p.id);
    const polls = await ids(`/api/v1/polls?territoryId=${nevsky}`);
    expect(polls).toEqual(expect.arrayContaining([local.id, everywhere.id]));
    expect(polls).not.toContain(elsewhere.id);
    const vote = async (territoryIds: string[]) => {
      const res = await call(t, 'POST', '/api/v1/votes', staff.admin, {
        title: 'Дворы района',
        audience: { territoryIds },
        proposals: { opensAt: hours(t, -1), closesAt: hours(t, 1) },
        voting: { opensAt: hours(t, 2), closesAt: hours(t, 3) },
        maxChoices: 1,
      });
      return (res.json() as { id: string }).id;
    };
    const [localVote, otherVote, regionVote] = [await vote([nevsky]), await vote([central]), await vote([])];
    const votes = await ids(`/api/v1/votes?territoryId=${nevsky}`);
    expect(votes).toEqual(expect.arrayContaining([localVote, regionVote]));
    expect(votes).not.toContain(otherVote);
  });

  describe('one ballot per resident', () => {
    it('without changes allowed: the second ballot is refused and concurrent ones store exactly one', async () => {
      const poll = await publishedPoll({ opensAt: hours(t, -1), ballotChangeable: false });
      const resident = await newResident(t.app);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(poll)),
        ),
      );
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 200))
        expect(apiError(r).code).toBe('ballot_change_not_allowed');
      expect(await ballotCount(poll.id)).toBe(1);
    });

    it('with changes allowed: a new ballot replaces the old one', async () => {
      const poll = await publishedPoll({ opensAt: hours(t, -1) });
      const resident = await newResident(t.app);
      const first = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, fullBallot(poll));
      expect(first.json()).toMatchObject({ created: true });
      const second = fullBallot(poll);
      second.answers[2] = { questionId: poll.questions[2]!.id, value: 2 };
      const again = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, second);
      expect(again.json()).toMatchObject({ created: false });
      expect(await ballotCount(poll.id)).toBe(1);
      const mine = (await call(t, 'GET', `/api/v1/polls/${poll.id}`, resident)).json() as {
        myBallot: { answers: { questionId: string; value?: number }[] };
      };
      expect(mine.myBallot.answers.find((a) => a.questionId === poll.questions[2]!.id)?.value).toBe(2);
    });
  });

  describe('answers', () => {
    let poll: PollJson;
    beforeAll(async () => {
      poll = await publishedPoll({ opensAt: hours(t, -1) });
    });

    it('shows a conditional question only when its condition holds, both ways', async () => {
      const [q0, , q2, q3] = poll.questions;
      const resident = await newResident(t.app);
      // "Нет": q3 is hidden, so answering it is refused, and leaving it out is fine.
      const hidden = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[1]!.id] },
          { questionId: q2!.id, value: 3 },
          { questionId: q3!.id, text: 'Лишний ответ' },
        ],
      });
      expect(apiError(hidden).code).toBe('answer_to_hidden_question');
      expect(apiError(hidden).details.map((d) => d.path)).toEqual(['answers.2']);
      const ok = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[1]!.id] },
          { questionId: q2!.id, value: 3 },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      // "Да": q3 is shown and required.
      const missing = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[0]!.id] },
          { questionId: q2!.id, value: 3 },
        ],
      });
      expect(apiError(missing).code).toBe('required_answer_missing');
      expect(apiError(missing).details.map((d) => d.path)).toEqual(['questions.3']);
    });

    it('lists every problem of a bad ballot and stores nothing', async () => {
      const [q0, q1, q2, q3, q4] = poll.questions;
      const resident = await newResident(t.app);
      const before = await ballotCount(poll.id);
      const res = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[0]!.id] },
          { questionId: q1!.id, optionIds: q1!.options.map((o) => o.id) },
          { questionId: q2!.id, value: 6 },
          { questionId: q3!.id, text: 'Да' },
          { questionId: q4!.id, ranking: [q4!.options[0]!.id, q4!.options[0]!.id, q4!.options[1]!.id] },
        ],
      });
      expect(res.statusCode).toBe(422);
      const e = apiError(res);
      expect(e.code).toBe('too_many_choices');
      expect(e.details.map((d) => [d.path, d.code])).toEqual([
        ['answers.1.optionIds', 'too_many_choices'],
        ['answers.2.value', 'scale_out_of_range'],
        ['answers.4.ranking', 'ranking_not_permutation'],
      ]);
      const unknown = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q1!.options[0]!.id] },
          { questionId: q2!.id, value: 1 },
          { questionId: q3!.id, text: 'x' },
        ],
      });
      expect(apiError(unknown).code).toBe('unknown_option');
      // A ranking must order every option (not only some), and a scale value must lie within it.
      const partial = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[1]!.id] },
          { questionId: q2!.id, value: 0 },
          { questionId: q4!.id, ranking: [q4!.options[0]!.id, q4!.options[1]!.id] },
        ],
      });
      expect(apiError(partial).details.map((d) => [d.path, d.code])).toEqual([
        ['answers.1.value', 'scale_out_of_range'],
        ['answers.2.ranking', 'ranking_not_permutation'],
      ]);
      expect(await ballotCount(poll.id)).toBe(before);
    });

    it('refuses a 1 MB free-text answer by its field', async () => {
      const [q0, , q2, q3] = poll.questions;
      const resident = await newResident(t.app);
      const before = await ballotCount(poll.id);
      const res = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, {
        answers: [
          { questionId: q0!.id, optionIds: [q0!.options[0]!.id] },
          { questionId: q2!.id, value: 1 },
          // 1 MiB of UTF-8 (two bytes a letter).
          { questionId: q3!.id, text: 'я'.repeat(512 * 1024) },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(apiError(res).details.map((d) => d.path)).toEqual(['answers.2.text']);
      expect(await ballotCount(poll.id)).toBe(before);
    });
  });

  describe('results', () => {
    it('counts, shares, means, distributions and Borda points; texts only for staff', async () => {
      const poll = await publishedPoll({ opensAt: hours(t, -1), resultsVisibility: 'always' });
      const [q0, q1, q2, q3, q4] = poll.questions;
      const ballots = [
        { choice: 0, extras: [0, 1], value: 5, ranking: [2, 0, 1] },
        { choice: 0, extras: [0], value: 3, ranking: [0, 2, 1] },
        { choice: 1, extras: [2], value: 4, ranking: [2, 1, 0] },
      ];
      for (const b of ballots) {
        const resident = await newResident(t.app);
        const answers = [
          { questionId: q0!.id, optionIds: [q0!.options[b.choice]!.id] },
          { questionId: q1!.id, optionIds: b.extras.map((i) => q1!.options[i]!.id) },
          { questionId: q2!.id, value: b.value },
          ...(b.choice === 0 ? [{ questionId: q3!.id, text: `Текст ${b.value}` }] : []),
          { questionId: q4!.id, ranking: b.ranking.map((i) => q4!.options[i]!.id) },
        ];
        const res = await call(t, 'PUT', `/api/v1/polls/${poll.id}/ballot`, resident, { answers });
        expect(res.statusCode, res.body).toBe(200);
      }
      type Results = {
        ballots: number;
        questions: {
          questionId: string;
          kind: string;
          options?: { optionId: string; count: number; share: number; points?: number }[];
          mean?: number;
          distribution?: { value: number; count: number }[];
          texts?: string[];
        }[];
      };
      const visitor = (await call(t, 'GET', `/api/v1/polls/${poll.id}/results`, null)).json() as Results;
      expect(visitor.ballots).toBe(3);
      expect(visitor.questions.map((q) => q.kind)).toEqual([
        'single',
        'multiple',
        'scale',
        'text',
        'ranking',
      ]);
      const [r0, r1, r2, r3, r4] = visitor.questions;
      expect(r0!.options!.map((o) => [o.count, o.share])).toEqual([
        [2, 0.6667],
        [1, 0.3333],
      ]);
      expect(r1!.options!.map((o) => o.count)).toEqual([2, 1, 1]);
      expect(r2!.mean).toBe(4);
      expect(r2!.distribution).toEqual(
        [1, 2, 3, 4, 5].map((value) => ({ value, count: value >= 3 ? 1 : 0 })),
      );
      expect(r3!.texts).toBeUndefined();
      // Borda: first place 2 points, second 1, last 0. A: 1+2+0, B: 0+0+1, C: 2+1+2.
      expect(r4!.options!.map((o) => o.points)).toEqual([3, 1, 5]);
      const admin = (await call(t, 'GET', `/api/v1/polls/${poll.id}/results`, staff.admin)).json() as Results;
      expect(admin.questions[3]!.texts!.sort()).toEqual(['Текст 3', 'Текст 5']);

      const csv = await call(t, 'GET', `/api/v1/polls/${poll.id}/results.csv`, staff.admin);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('question_no,question,kind,option,count,share');
      expect(csv.body).toContain('Скамейки,2');
      const xlsx = await call(t, 'GET', `/api/v1/polls/${poll.id}/results.xlsx`, staff.admin);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['Results', 'Ballots']);
      expect(book.getWorksheet('Ballots')!.rowCount).toBe(4);
      const ballotsCsv = await call(t, 'GET', `/api/v1/polls/${poll.id}/ballots.csv`, staff.admin);
      expect(ballotsCsv.body.trim().split('\r\n')).toHaveLength(4);
      expect(ballotsCsv.body).toContain('C > A > B');
      // No person and no time in the anonymised ballots: a number and one column per question.
      expect(ballotsCsv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('ballot,q1,q2,q3,q4,q5');
      const ballotsXlsx = await call(t, 'GET', `/api/v1/polls/${poll.id}/ballots.xlsx`, staff.admin);
      const ballotBook = new ExcelJS.Workbook();
      await ballotBook.xlsx.load(ballotsXlsx.rawPayload as unknown as ArrayBuffer);
      expect(ballotBook.worksheets.map((w) => w.name)).toEqual(['Ballots']);
      expect(ballotBook.getWorksheet('Ballots')!.rowCount).toBe(4);
      const resident = await newResident(t.app);
      expect((await call(t, 'GET', `/api/v1/polls/${poll.id}/ballots.csv`, resident)).statusCode).toBe(403);
    });

    it('follows the visibility: after closing, or never (staff only)', async () => {
      const after = await publishedPoll({
        opensAt: hours(t, -1),
        closesAt: hours(t, 2),
        resultsVisibility: 'after_close',
      });
      const never = await publishedPoll({
        opensAt: hours(t, -1),
        closesAt: hours(t, 2),
        resultsVisibility: 'never',
      });
      const resident = await newResident(t.app);
      expect(apiError(await call(t, 'GET', `/api/v1/polls/${after.id}/results`, resident)).code).toBe(
        'results_not_public',
      );
      expect((await call(t, 'GET', `/api/v1/polls/${after.id}/results`, staff.admin)).statusCode).toBe(200);
      t.clock.advance(3 * 3_600_000);
      expect((await call(t, 'GET', `/api/v1/polls/${after.id}/results`, resident)).statusCode).toBe(200);
      expect(apiError(await call(t, 'GET', `/api/v1/polls/${never.id}/results.csv`, resident)).code).toBe(
        'results_not_public',
      );
      expect((await call(t, 'GET', `/api/v1/polls/${never.id}/results`, staff.admin)).statusCode).toBe(200);
    });
  });
});
