import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type Session, type TestApp } from './app.ts';
import { call, hours } from './participation.ts';
import { loginStaff, rows, type Staff, territories } from './reports.ts';

export type PollJson = {
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
export function surveyBody(t: TestApp, over: Record<string, unknown> = {}) {
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

/** What the poll test files share: an app, its staff, two districts. */
export type PollsContext = { t: TestApp; staff: Staff; nevsky: string; central: string };

/**
 * Registers the app's start and stop around the calling test file and returns its context (filled in
 * by the time the tests run) with helpers that create, publish and answer polls.
 */
export function pollsSuite() {
  const ctx = {} as PollsContext;
  beforeAll(async () => {
    ctx.t = await createTestApp();
    ctx.staff = await loginStaff(ctx.t);
    const map = await territories(ctx.t);
    ctx.nevsky = map.get('nevsky')!.id;
    ctx.central = map.get('tsentralny')!.id;
  });
  afterAll(() => ctx.t.close());

  async function createPoll(body: Record<string, unknown>, who?: Session): Promise<PollJson> {
    const res = await call(ctx.t, 'POST', '/api/v1/polls', who ?? ctx.staff.admin, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as PollJson;
  }

  async function publishedPoll(over: Record<string, unknown> = {}): Promise<PollJson> {
    const poll = await createPoll(surveyBody(ctx.t, over));
    const res = await call(ctx.t, 'POST', `/api/v1/polls/${poll.id}/actions/publish`, ctx.staff.admin);
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
      ctx.t,
      sql`SELECT count(*)::int AS n FROM poll_ballots WHERE poll_id = ${pollId}`,
    );
    return r!.n;
  }

  return { ctx, createPoll, publishedPoll, fullBallot, ballotCount };
}
