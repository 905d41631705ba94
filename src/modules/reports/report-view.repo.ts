/**
 * The report page in one statement: the report's row with everything its detail view shows (photos,
 * answers, the author's rating, notices, the city object, for handling staff the author's name and
 * e-mail, and the support facts the caller passes in), each as a correlated sub-select aggregated to
 * JSON. It replaced seven to nine round trips per page and per action's answer (docs/performance.md,
 * "The report page and actions"); every sub-select is an index look-up by report id.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRowsBuiltOnce } from '../../db/connection.ts';
import { answers } from '../../db/schema/reports.ts';
import {
  type AnswerRow,
  decodeReportRow,
  type ReportRow,
  reportJoins,
  reportRowFields,
} from './reports.repo.ts';

export type MediaRef = { id: string; purpose: 'report' | 'answer' | 'dispute'; answerId: string | null };

/** Everything around a report's row that its detail view needs. */
export type ReportViewExtras = {
  media: MediaRef[];
  /** Newest first. */
  answers: AnswerRow[];
  notices: { id: string; title: string; endsAt: string }[];
  object: { id: string; name: string } | null;
  /** The author's rating of the latest published answer. */
  rating: { score: number; solved: boolean; comment: string | null } | null;
  /** Only when asked for (`withAuthor`): staff who may handle the report. */
  author: { name: string; email: string } | null;
  /**
   * Only with `withAuthor`: the stored non-answer flags of the answer under work (draft or review),
   * raw (the answers module presents them; the caller decides whether the actor may see them).
   */
  workingAnswerCheck: { flags: unknown[]; checkedAt: Date } | null;
  /** The caller's extra fields, raw (see ReportViewOptions.extraFields). */
  extra: Record<string, unknown>;
};

export type ReportViewOptions = {
  /** Read the author's name and e-mail (the caller decides afterwards whether to show them). */
  withAuthor: boolean;
  /**
   * More select-list fields over `r` (the duplicates module's support facts), and a key naming their
   * SQL shape: the statement is built once and prepared under a name, so one key must always mean one
   * SQL text (`sql` is called only the first time); values go through `sql.placeholder(name)`, filled
   * from `values`; `columns` are the names those fields are selected as.
   */
  extraFields: {
    key: string;
    sql: () => SQL;
    values: Record<string, unknown>;
    columns: readonly string[];
  };
};

const answerColumns = Object.entries(getTableColumns(answers));

const answerJson = sql.join(
  answerColumns.map(([key, column]) => sql`${key}::text, a.${sql.identifier(column.name)}`),
  sql`, `,
);

/** A report's answers (over `reports r`), newest first, as a JSON array (null when none). */
export const answersJsonField = sql`(SELECT json_agg(json_build_object(${answerJson}) ORDER BY a.created_at DESC)
       FROM answers a WHERE a.report_id = r.id)`;

export function decodeAnswerList(raw: unknown): AnswerRow[] {
  return Array.isArray(raw) ? raw.map((a) => decodeAnswer(a as Record<string, unknown>)) : [];
}

function decodeAnswer(raw: Record<string, unknown>): AnswerRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of answerColumns) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as AnswerRow;
}

function extrasFields(o: ReportViewOptions): SQL {
  return sql`
    (SELECT json_agg(json_build_object('id', m.id, 'purpose', m.purpose, 'answerId', m.answer_id)
                     ORDER BY m.created_at)
       FROM media m WHERE m.report_id = r.id) AS "mediaJson",
    ${answersJsonField} AS "answersJson",
    (SELECT json_agg(json_build_object('id', n.id, 'title', n.title, 'endsAt', n.ends_at) ORDER BY n.ends_at, n.id)
       FROM report_notices rn JOIN notices n ON n.id = rn.notice_id WHERE rn.report_id = r.id) AS "noticesJson",
    (SELECT json_build_object('id', co.id, 'name', co.name)
       FROM report_objects ro JOIN city_objects co ON co.id = ro.object_id
      WHERE ro.report_id = r.id LIMIT 1) AS "objectJson",
    (SELECT json_build_object('score', g.score, 'solved', g.solved, 'comment', g.comment)
       FROM ratings g
      WHERE g.author_id = r.author_id
        AND g.answer_id = (SELECT pa.id FROM answers pa WHERE pa.report_id = r.id AND pa.status = 'published'
                            ORDER BY pa.created_at DESC LIMIT 1)) AS "ratingJson",
    ${
      o.withAuthor
        ? sql`(SELECT json_build_object('name', u.name, 'email', u.email) FROM users u WHERE u.id = r.author_id)`
        : sql`NULL::json`
    } AS "authorJson",
    ${
      // The flags of the answer under work, for the staff shape only (the public never sees them).
      o.withAuthor
        ? sql`(SELECT json_build_object('flags', q.flags, 'checkedAt', q.checked_at)
                 FROM answer_quality_checks q
                WHERE q.answer_id = (SELECT wa.id FROM answers wa
                                      WHERE wa.report_id = r.id AND wa.status IN ('draft', 'review')
                                      ORDER BY wa.created_at DESC LIMIT 1))`
        : sql`NULL::json`
    } AS "checkJson",
    ${o.extraFields.sql()}`;
}

const EXTRA_KEYS = new Set([
  'mediaJson',
  'answersJson',
  'noticesJson',
  'objectJson',
  'ratingJson',
  'authorJson',
  'checkJson',
]);

function decodeExtras(raw: Record<string, unknown>, o: ReportViewOptions): ReportViewExtras {
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  const extra = Object.fromEntries(o.extraFields.columns.map((key) => [key, raw[key]]));
  return {
    media: list<MediaRef>(raw.mediaJson),
    answers: decodeAnswerList(raw.answersJson),
    notices: list<{ id: string; title: string; endsAt: string }>(raw.noticesJson).map((n) => ({
      id: n.id,
      title: n.title,
      endsAt: new Date(n.endsAt).toISOString(),
    })),
    object: (raw.objectJson as { id: string; name: string } | null) ?? null,
    rating: (raw.ratingJson as ReportViewExtras['rating']) ?? null,
    author: (raw.authorJson as ReportViewExtras['author']) ?? null,
    workingAnswerCheck: decodeCheck(raw.checkJson),
    extra,
  };
}

function decodeCheck(raw: unknown): ReportViewExtras['workingAnswerCheck'] {
  if (!raw) return null;
  const check = raw as { flags: unknown[] | null; checkedAt: string };
  return { flags: check.flags ?? [], checkedAt: new Date(check.checkedAt) };
}

const statementName = (what: string, o: ReportViewOptions) =>
  `report_view_${what}_${o.withAuthor ? 'author' : 'plain'}_${o.extraFields.key}`;

/** The report's row and its detail in one statement (undefined: no such report). */
export async function findReportView(
  exec: Executor,
  id: string,
  o: ReportViewOptions,
): Promise<{ row: ReportRow; extras: ReportViewExtras } | undefined> {
  const [raw] = await queryRowsBuiltOnce<Record<string, unknown>>(
    exec,
    statementName('row', o),
    () =>
      sql`SELECT ${reportRowFields}, ${extrasFields(o)} FROM reports r ${reportJoins}
           WHERE r.id = ${sql.placeholder('reportId')}`,
    { ...o.extraFields.values, reportId: id },
  );
  if (!raw) return undefined;
  const notRow = new Set([...EXTRA_KEYS, ...o.extraFields.columns]);
  const rowOnly = Object.fromEntries(Object.entries(raw).filter(([key]) => !notRow.has(key)));
  return { row: decodeReportRow(rowOnly), extras: decodeExtras(raw, o) };
}

/** The detail of a report whose row the caller already holds (one statement). */
export async function findReportExtras(
  exec: Executor,
  id: string,
  o: ReportViewOptions,
): Promise<ReportViewExtras | undefined> {
  const [raw] = await queryRowsBuiltOnce<Record<string, unknown>>(
    exec,
    statementName('extras', o),
    () => sql`SELECT ${extrasFields(o)} FROM reports r WHERE r.id = ${sql.placeholder('reportId')}`,
    { ...o.extraFields.values, reportId: id },
  );
  return raw ? decodeExtras(raw, o) : undefined;
}
