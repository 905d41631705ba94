import { eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows, queryRowsBuiltOnce } from '../../db/connection.ts';
import { type AnswerFlagRecord, answerQualityChecks } from '../../db/schema/answer-quality.ts';
import { EARLIER_ANSWERS_KEPT, type PublishedAnswerRow } from './earlier-answers.ts';

/** What the heuristics compare a working answer with, as read (answerCheckFactsJson). */
export type AnswerCheckFacts = {
  /** The report's working answer (draft or under review) the photos were counted for. */
  workingAnswerId: string | null;
  answerPhotoCount: number;
  /** The organisation's answers published after `since`, newest first (earlier-answers.ts). */
  published: PublishedAnswerRow[];
  disputed: { reportNumber: number; text: string } | null;
};

/**
 * What the heuristics compare a report's working answer with, as one JSON value: the working
 * answer's "after" photos, the organisation's answers published (or since superseded) after a time
 * — all reports', newest first, as many as a node keeps (earlier-answers.ts) — and the report's
 * published answer if its author disputed it after publication. `reportId` is an SQL expression: a
 * placeholder in a statement of its own, or the locked row's `r.id` inside the action's locked read
 * (one round trip less for `submit-answer`). Placeholders: `acOrganisationId`, `acSince`.
 */
export function answerCheckFactsJson(reportId: SQL): SQL {
  const organisation = sql`${sql.placeholder('acOrganisationId')}::uuid`;
  // The aliases inside are their own (ck_…): `reportId` may name the enclosing statement's `r`.
  return sql`(SELECT json_build_object(
        'workingAnswerId', ck_w.id,
        'photos', (SELECT count(*)::int FROM media ck_m WHERE ck_m.answer_id = ck_w.id AND ck_m.purpose = 'answer'),
        'published', (SELECT json_agg(json_build_object('id', ck_e.id, 'reportId', ck_e.report_id,
                        'reportNumber', ck_e.number, 'text', ck_e.text, 'publishedAt', ck_e.published_at)
                        ORDER BY ck_e.published_at DESC)
           FROM (${publishedSince(sql`ck_a.organisation_id = ${organisation}`)}
                 UNION ALL
                 ${publishedSince(sql`${organisation} IS NULL AND ck_a.organisation_id IS NULL`)}) ck_e),
        'disputed', (SELECT json_build_object('reportNumber', ck_r.number, 'text', ck_a.text)
           FROM answers ck_a JOIN reports ck_r ON ck_r.id = ck_a.report_id
          WHERE ck_a.report_id = ${reportId} AND ck_a.status = 'published'
            AND EXISTS (SELECT 1 FROM report_events ck_d WHERE ck_d.report_id = ck_a.report_id
                        AND ck_d.type = 'disputed' AND ck_d.created_at >= ck_a.published_at)
          LIMIT 1))
      FROM (SELECT (SELECT ck_a.id FROM answers ck_a WHERE ck_a.report_id = ${reportId}
                       AND ck_a.status IN ('draft', 'review')
                     ORDER BY ck_a.created_at DESC LIMIT 1) AS id) ck_w)`;
}

/**
 * The organisation's newest answers published after `acSince` (the acting organisation's, or those of
 * no organisation), as a branch of a UNION ALL: each branch's organisation test is an equality or
 * `IS NULL`, which `answers_org_published_idx (organisation_id, published_at)` serves newest first
 * and stops at the limit. Written as one `IS NOT DISTINCT FROM`, which no index serves, it read the
 * whole answers table at every `submit-answer` (docs/performance.md, "Eighteenth session").
 */
function publishedSince(organisationTest: SQL): SQL {
  return sql`(SELECT ck_a.id, ck_a.report_id, ck_r.number, ck_a.text, ck_a.published_at
                FROM answers ck_a JOIN reports ck_r ON ck_r.id = ck_a.report_id
               WHERE ${organisationTest} AND ck_a.status IN ('published', 'superseded')
                 AND ck_a.published_at > ${sql.placeholder('acSince')}::timestamptz
               ORDER BY ck_a.published_at DESC LIMIT ${sql.raw(String(EARLIER_ANSWERS_KEPT))})`;
}

/** The placeholders' values of answerCheckFactsJson. */
export function answerCheckFactsValues(organisationId: string | null, since: Date | null) {
  return { acOrganisationId: organisationId, acSince: since?.toISOString() ?? '-infinity' };
}

type FactsJson = {
  workingAnswerId: string | null;
  photos: number;
  published: (Omit<PublishedAnswerRow, 'publishedAt'> & { publishedAt: string })[] | null;
  disputed: { reportNumber: number; text: string } | null;
};

export function decodeAnswerCheckFacts(raw: unknown): AnswerCheckFacts {
  const f = (typeof raw === 'string' ? JSON.parse(raw) : raw) as FactsJson;
  return {
    workingAnswerId: f.workingAnswerId,
    answerPhotoCount: Number(f.photos ?? 0),
    published: (f.published ?? []).map((p) => ({
      ...p,
      reportNumber: Number(p.reportNumber),
      publishedAt: new Date(p.publishedAt),
    })),
    disputed: f.disputed ? { reportNumber: Number(f.disputed.reportNumber), text: f.disputed.text } : null,
  };
}

/** The facts in a statement of their own (when the action's locked read did not bring them). */
export async function answerCheckFacts(
  exec: Executor,
  a: { reportId: string; organisationId: string | null; since: Date | null },
): Promise<AnswerCheckFacts> {
  const [row] = await queryRowsBuiltOnce<{ facts: unknown }>(
    exec,
    'answer_check_facts',
    () => sql`SELECT ${answerCheckFactsJson(sql`${sql.placeholder('reportId')}::uuid`)} AS facts`,
    { reportId: a.reportId, ...answerCheckFactsValues(a.organisationId, a.since) },
  );
  return decodeAnswerCheckFacts(row?.facts);
}

export async function saveCheck(
  exec: Executor,
  answerId: string,
  flags: AnswerFlagRecord[],
  checkedAt: Date,
): Promise<void> {
  await exec
    .insert(answerQualityChecks)
    .values({ answerId, flags, checkedAt })
    .onConflictDoUpdate({ target: answerQualityChecks.answerId, set: { flags, checkedAt } });
}

export async function deleteCheck(exec: Executor, answerId: string): Promise<void> {
  await exec.delete(answerQualityChecks).where(eq(answerQualityChecks.answerId, answerId));
}

export type OrganisationQualityRow = {
  id: string;
  nameRu: string;
  nameEn: string;
  answeredReports: number;
  disputedReports: number;
  publishedAnswers: number;
  flaggedAnswers: number;
};

/**
 * Per organisation: reports it answered in the period, and how many of those the author disputed. A
 * dispute counts against the answer that was current when it was filed (the latest one published
 * before it), so a report redirected to another organisation charges the right one.
 */
export async function organisationQuality(
  exec: Executor,
  f: { organisationId?: string; from?: Date; to?: Date },
): Promise<OrganisationQualityRow[]> {
  const period: SQL[] = [];
  if (f.from) period.push(sql`AND a.published_at >= ${f.from.toISOString()}`);
  if (f.to) period.push(sql`AND a.published_at < ${f.to.toISOString()}`);
  if (f.organisationId) period.push(sql`AND a.organisation_id = ${f.organisationId}`);
  const onlyOne = f.organisationId ? sql`AND o.id = ${f.organisationId}` : sql``;
  const rows = await queryRows<OrganisationQualityRow>(
    exec,
    sql`WITH pub AS (
          SELECT a.id, a.report_id, a.organisation_id,
            EXISTS (
              SELECT 1 FROM report_events e
              WHERE e.report_id = a.report_id AND e.type = 'disputed' AND e.created_at >= a.published_at
                AND NOT EXISTS (
                  SELECT 1 FROM answers b WHERE b.report_id = a.report_id AND b.id <> a.id
                    AND b.published_at > a.published_at AND b.published_at <= e.created_at)
            ) AS disputed,
            COALESCE(jsonb_array_length(q.flags), 0) > 0 AS flagged
          FROM answers a LEFT JOIN answer_quality_checks q ON q.answer_id = a.id
          WHERE a.status IN ('published', 'superseded') AND a.organisation_id IS NOT NULL
            ${sql.join(period, sql` `)}
        )
        SELECT o.id, o.name_ru AS "nameRu", o.name_en AS "nameEn",
          count(DISTINCT pub.report_id)::int AS "answeredReports",
          count(DISTINCT pub.report_id) FILTER (WHERE pub.disputed)::int AS "disputedReports",
          count(pub.id)::int AS "publishedAnswers",
          count(pub.id) FILTER (WHERE pub.flagged)::int AS "flaggedAnswers"
        FROM organisations o LEFT JOIN pub ON pub.organisation_id = o.id
        WHERE o.is_active ${onlyOne}
        GROUP BY o.id, o.name_ru, o.name_en
        ORDER BY o.name_ru`,
  );
  return rows.map((r) => ({
    ...r,
    answeredReports: Number(r.answeredReports),
    disputedReports: Number(r.disputedReports),
    publishedAnswers: Number(r.publishedAnswers),
    flaggedAnswers: Number(r.flaggedAnswers),
  }));
}
