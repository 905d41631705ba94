import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  pollBallots,
  pollOptions,
  pollQuestions,
  polls,
  type StoredAnswer,
} from '../../db/schema/participation.ts';

export type PollRow = typeof polls.$inferSelect;
export type QuestionRow = typeof pollQuestions.$inferSelect;
export type OptionRow = typeof pollOptions.$inferSelect;
export type QuestionWithOptions = QuestionRow & { options: OptionRow[] };

export async function insertPoll(exec: Executor, row: typeof polls.$inferInsert): Promise<PollRow> {
  const [created] = await exec.insert(polls).values(row).returning();
  return created!;
}

export async function updatePoll(
  exec: Executor,
  id: string,
  values: Partial<typeof polls.$inferInsert>,
): Promise<PollRow> {
  const [row] = await exec.update(polls).set(values).where(eq(polls.id, id)).returning();
  return row!;
}

export async function findPoll(exec: Executor, id: string): Promise<PollRow | undefined> {
  const rows = await exec.select().from(polls).where(eq(polls.id, id)).limit(1);
  return rows[0];
}

/**
 * Locks the poll for a change of its questions. A ballot's foreign key takes a KEY SHARE lock on
 * the same row, so an editor and a ballot never interleave: the editor sees every committed ballot.
 */
export async function lockPollForUpdate(exec: Executor, id: string): Promise<PollRow | undefined> {
  const rows = await exec.select().from(polls).where(eq(polls.id, id)).for('update');
  return rows[0];
}

/** A ballot holds the poll against a concurrent change of its questions while it is validated. */
export async function lockPollForBallot(exec: Executor, id: string): Promise<PollRow | undefined> {
  const rows = await exec.select().from(polls).where(eq(polls.id, id)).for('key share');
  return rows[0];
}

export type NewQuestion = Omit<typeof pollQuestions.$inferInsert, 'pollId' | 'id'> & {
  id: string;
  options: { id: string; text: string }[];
};

export async function replaceQuestions(
  exec: Executor,
  pollId: string,
  questions: NewQuestion[],
): Promise<void> {
  await exec.delete(pollQuestions).where(eq(pollQuestions.pollId, pollId));
  if (questions.length === 0) return;
  await exec.insert(pollQuestions).values(questions.map(({ options: _, ...q }) => ({ ...q, pollId })));
  const options = questions.flatMap((q) =>
    q.options.map((o, position) => ({ id: o.id, questionId: q.id, position, text: o.text })),
  );
  if (options.length > 0) await exec.insert(pollOptions).values(options);
}

export async function findQuestions(exec: Executor, pollId: string): Promise<QuestionWithOptions[]> {
  const questions = await exec
    .select()
    .from(pollQuestions)
    .where(eq(pollQuestions.pollId, pollId))
    .orderBy(asc(pollQuestions.position));
  if (questions.length === 0) return [];
  const options = await exec
    .select()
    .from(pollOptions)
    .where(
      inArray(
        pollOptions.questionId,
        questions.map((q) => q.id),
      ),
    )
    .orderBy(asc(pollOptions.position));
  return questions.map((q) => ({ ...q, options: options.filter((o) => o.questionId === q.id) }));
}

export type PollFilter = {
  /** Drafts are included only for these creators' scopes; null: no drafts at all. */
  includeDrafts: boolean;
  territoryIds?: string[] | undefined;
};

/** Published polls (and drafts for staff), newest first; territory: region-wide ones or a match. */
export async function listPolls(exec: Executor, filter: PollFilter): Promise<PollRow[]> {
  const conditions = [];
  if (!filter.includeDrafts) conditions.push(eq(polls.status, 'published'));
  if (filter.territoryIds)
    conditions.push(
      sql`(cardinality(${polls.audienceTerritoryIds}) = 0 OR ${polls.audienceTerritoryIds} && ${sqlUuidArray(filter.territoryIds)})`,
    );
  return exec
    .select()
    .from(polls)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(sql`${polls.closesAt} DESC`)
    .limit(200);
}

export function sqlUuidArray(ids: string[]) {
  return sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

export async function findBallot(
  exec: Executor,
  pollId: string,
  userId: string,
): Promise<typeof pollBallots.$inferSelect | undefined> {
  const rows = await exec
    .select()
    .from(pollBallots)
    .where(and(eq(pollBallots.pollId, pollId), eq(pollBallots.userId, userId)))
    .limit(1);
  return rows[0];
}

/**
 * Stores a ballot: the unique (poll, user) index decides. With `replace` an existing ballot is
 * overwritten; without it the statement stores nothing when one exists and returns false.
 */
export async function storeBallot(
  exec: Executor,
  ballot: { pollId: string; userId: string; answers: StoredAnswer[]; at: Date },
  replace: boolean,
): Promise<boolean> {
  const insert = exec.insert(pollBallots).values({
    pollId: ballot.pollId,
    userId: ballot.userId,
    answers: ballot.answers,
    createdAt: ballot.at,
    updatedAt: ballot.at,
  });
  const rows = replace
    ? await insert
        .onConflictDoUpdate({
          target: [pollBallots.pollId, pollBallots.userId],
          set: { answers: sql`excluded.answers`, updatedAt: sql`excluded.updated_at` },
        })
        .returning({ id: pollBallots.id })
    : await insert.onConflictDoNothing().returning({ id: pollBallots.id });
  return rows.length > 0;
}

export async function countBallots(exec: Executor, pollId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM ${pollBallots} WHERE poll_id = ${pollId}`,
  );
  return rows[0]?.n ?? 0;
}

export type AnswerTally = {
  questionId: string;
  answered: number;
  /** Per option: how many chose it (ranking: how many ranked it) and its Borda points. */
  options: { optionId: string; count: number; points: number }[];
  values: { value: number; count: number }[];
};

/** Counts per question and option, computed from the stored ballots (the one source of truth). */
export async function tallyAnswers(exec: Executor, pollId: string): Promise<Map<string, AnswerTally>> {
  const answered = await queryRows<{ questionId: string; n: number }>(
    exec,
    sql`SELECT a->>'questionId' AS "questionId", count(*)::int AS n
        FROM ${pollBallots} b, jsonb_array_elements(b.answers) a
        WHERE b.poll_id = ${pollId} GROUP BY 1`,
  );
  const chosen = await queryRows<{ questionId: string; optionId: string; n: number; points: number }>(
    exec,
    sql`SELECT a->>'questionId' AS "questionId", o.id AS "optionId", count(*)::int AS n,
               COALESCE(sum(CASE WHEN a ? 'ranking'
                 THEN jsonb_array_length(a->'ranking') - o.ord ELSE 0 END), 0)::int AS points
        FROM ${pollBallots} b, jsonb_array_elements(b.answers) a,
             jsonb_array_elements_text(COALESCE(a->'optionIds', a->'ranking')) WITH ORDINALITY AS o(id, ord)
        WHERE b.poll_id = ${pollId} GROUP BY 1, 2`,
  );
  const values = await queryRows<{ questionId: string; value: number; n: number }>(
    exec,
    sql`SELECT a->>'questionId' AS "questionId", (a->>'value')::int AS value, count(*)::int AS n
        FROM ${pollBallots} b, jsonb_array_elements(b.answers) a
        WHERE b.poll_id = ${pollId} AND a ? 'value' GROUP BY 1, 2 ORDER BY 2`,
  );
  const out = new Map<string, AnswerTally>();
  const entry = (questionId: string) => {
    let t = out.get(questionId);
    if (!t) {
      t = { questionId, answered: 0, options: [], values: [] };
      out.set(questionId, t);
    }
    return t;
  };
  for (const r of answered) entry(r.questionId).answered = r.n;
  for (const r of chosen)
    entry(r.questionId).options.push({ optionId: r.optionId, count: r.n, points: r.points });
  for (const r of values) entry(r.questionId).values.push({ value: r.value, count: r.n });
  return out;
}

/** Free-text answers of one question, newest first (staff only). */
export async function textAnswers(exec: Executor, pollId: string, questionId: string): Promise<string[]> {
  const rows = await queryRows<{ text: string }>(
    exec,
    sql`SELECT a->>'text' AS text FROM ${pollBallots} b, jsonb_array_elements(b.answers) a
        WHERE b.poll_id = ${pollId} AND a->>'questionId' = ${questionId} AND a ? 'text'
        ORDER BY b.updated_at DESC LIMIT 1000`,
  );
  return rows.map((r) => r.text);
}

/** Ballots without the person: a random order-independent number and the answers (export). */
export async function* anonymousBallots(
  exec: Executor,
  pollId: string,
  batch = 1000,
): AsyncGenerator<{ answers: StoredAnswer[] }[]> {
  // Keyset pagination by the ballot's random id: no user id, no time leaves the database.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await exec
      .select({ id: pollBallots.id, answers: pollBallots.answers })
      .from(pollBallots)
      .where(and(eq(pollBallots.pollId, pollId), sql`${pollBallots.id} > ${after}`))
      .orderBy(asc(pollBallots.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ answers: r.answers }));
    after = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}
