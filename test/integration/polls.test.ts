import { beforeAll, describe, expect, it } from 'vitest';
import { newResident, type TestApp } from '../support/app.ts';
import { apiError, call, hours, verifiedResident } from '../support/participation.ts';
import { type PollJson, pollsSuite, surveyBody } from '../support/polls-suite.ts';
import type { Staff } from '../support/reports.ts';

/** Polls and surveys: building them, their times and audience, the lists, one ballot per resident. */
describe('polls and surveys', () => {
  const { ctx, createPoll, publishedPoll, fullBallot, ballotCount } = pollsSuite();
  let t: TestApp;
  let staff: Staff;
  let nevsky: string;
  let central: string;
  beforeAll(() => {
    ({ t, staff, nevsky, central } = ctx);
  });

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
});
