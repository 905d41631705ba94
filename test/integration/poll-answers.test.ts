import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newResident, type TestApp } from '../support/app.ts';
import { apiError, call, hours } from '../support/participation.ts';
import { type PollJson, pollsSuite } from '../support/polls-suite.ts';
import type { Staff } from '../support/reports.ts';

/** Polls and surveys: the answers a ballot may hold, and the results. */
describe('poll answers and results', () => {
  const { ctx, publishedPoll, ballotCount } = pollsSuite();
  let t: TestApp;
  let staff: Staff;
  beforeAll(() => {
    ({ t, staff } = ctx);
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
