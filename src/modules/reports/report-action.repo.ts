/**
 * The statements of a report action (report-actions.service.ts runAction): the locked row with its
 * answers, and the action's writes — the report's new columns, its timeline events and its audit
 * rows — as one statement. Each is built once per shape and prepared (SQL text constant, values as
 * parameters, the rows as arrays), so an action costs a round trip per statement and no query
 * building (docs/performance.md, "The report page and actions").
 */
import { createHash } from 'node:crypto';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Executor, queryRowsBuiltOnce } from '../../db/connection.ts';
import { auditLog } from '../../db/schema/audit.ts';
import { answers, reportEvents, reports } from '../../db/schema/reports.ts';
import { inputRefs, tableInputColumns, unnestPlaceholders, unnestValues } from '../../db/unnest.ts';
import type { AnswerCheck } from '../answers/index.ts';
import { answersJsonField, decodeAnswerList } from './report-view.repo.ts';
import {
  type AnswerRow,
  decodeReportRow,
  type NewEvent,
  type NewReport,
  type ReportRow,
  reportJoins,
  reportRowFields,
} from './reports.repo.ts';

/**
 * The report's row locked for the action (`FOR UPDATE OF r`) with its answers, newest first: the
 * answer actions (draft, submit, publish, return, rate) need them, and a sub-select by report id
 * costs far less than a round trip of its own. `extra` adds one column of the action's own (the
 * answer checks' facts for submit-answer), its text constant under `extra.name`.
 */
export async function lockReportForAction(
  exec: Executor,
  id: string,
  extra?: { name: string; column: SQL; values: Record<string, unknown> },
): Promise<{ row: ReportRow; answers: AnswerRow[]; extra: unknown } | undefined> {
  const [raw] = await queryRowsBuiltOnce<Record<string, unknown>>(
    exec,
    extra ? `report_action_lock_${extra.name}` : 'report_action_lock',
    () =>
      sql`SELECT ${reportRowFields}, ${answersJsonField} AS "answersJson"${extra ? sql`, ${extra.column} AS "extraJson"` : sql``}
            FROM reports r ${reportJoins} WHERE r.id = ${sql.placeholder('reportId')} FOR UPDATE OF r`,
    { reportId: id, ...extra?.values },
  );
  if (!raw) return undefined;
  const { answersJson, extraJson, ...rowOnly } = raw;
  return { row: decodeReportRow(rowOnly), answers: decodeAnswerList(answersJson), extra: extraJson };
}

/** An audit row as the action writes it (identifiers and reasons only, never personal data). */
export type ActionAuditRow = {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  createdAt: Date;
};

/** A change of one of the report's answers (its status as the action moves it on). */
export type AnswerChange = { id: string; changes: Partial<typeof answers.$inferInsert> };

export type ActionWrites = {
  reportId: string;
  /** The report's changed columns (always at least its status and updatedAt). */
  changes: Partial<NewReport>;
  answerChanges: AnswerChange[];
  /** The working answer's quality flags (submit-answer), replacing any stored for it. */
  answerCheck?: AnswerCheck;
  events: Omit<NewEvent, 'id'>[];
  audit: ActionAuditRow[];
};

type Shape = { name: string; keys: string[]; answerKeys: string[][]; withCheck: boolean };

const EVENT_KEYS = [
  'reportId',
  'type',
  'fromStatus',
  'toStatus',
  'actorId',
  'actorRole',
  'isPublic',
  'payload',
  'createdAt',
] as const;
const AUDIT_KEYS = [
  'actorId',
  'actorRole',
  'action',
  'entityType',
  'entityId',
  'details',
  'createdAt',
] as const;

function columnNames(table: PgTable, keys: readonly string[]): SQL {
  const columns = getTableColumns(table);
  return sql.join(
    keys.map((key) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
}

/** The report's and the answers' columns by property name. */
const reportColumns: Record<string, PgColumn> = getTableColumns(reports);
const answerColumns: Record<string, PgColumn> = getTableColumns(answers);

/** `column = $placeholder::type, …` for the keys, each placeholder named prefix + key. */
function setList(columns: Record<string, PgColumn>, keys: readonly string[], prefix: string): SQL {
  return sql.join(
    keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`no column ${key}`);
      return sql`${sql.identifier(column.name)} = ${sql.placeholder(`${prefix}${key}`)}::${sql.raw(column.getSQLType())}`;
    }),
    sql`, `,
  );
}

function writeStatement(shape: Shape): SQL {
  const set = setList(reportColumns, shape.keys, 'set_');
  // The answers' updates (by id, each its own CTE: publishing one answer supersedes another).
  const answerUpdates = shape.answerKeys.map(
    (keys, i) =>
      sql`, answer_${sql.raw(String(i))} AS (
      UPDATE answers SET ${setList(answerColumns, keys, `answer${i}_`)}
       WHERE id = ${sql.placeholder(`answer${i}_id`)}::uuid AND report_id = ${sql.placeholder('reportId')}::uuid
    )`,
  );
  const check = shape.withCheck
    ? sql`, answer_check AS (
      INSERT INTO answer_quality_checks (answer_id, flags, checked_at)
      VALUES (${sql.placeholder('check_answerId')}::uuid, ${sql.placeholder('check_flags')}::jsonb,
              ${sql.placeholder('check_checkedAt')}::timestamptz)
      ON CONFLICT (answer_id) DO UPDATE SET flags = EXCLUDED.flags, checked_at = EXCLUDED.checked_at
    )`
    : sql``;
  const refs = (refsByKey: Record<string, SQL>) => sql.join(Object.values(refsByKey), sql`, `);
  // The events and audit rows keep their order (ids ascending as given): the timeline and the
  // notification cursor read events by id.
  return sql`WITH changed AS (
      UPDATE reports SET ${set} WHERE id = ${sql.placeholder('reportId')}::uuid RETURNING id
    )${sql.join(answerUpdates, sql``)}${check}, events AS (
      INSERT INTO report_events (${columnNames(reportEvents, EVENT_KEYS)})
      SELECT ${refs(inputRefs(reportEvents, 'e', EVENT_KEYS))} FROM ${unnestPlaceholders('e', tableInputColumns(reportEvents, EVENT_KEYS, []), 'ev_', { ordinality: true })}
       ORDER BY e.n
    ), audit AS (
      INSERT INTO audit_log (${columnNames(auditLog, AUDIT_KEYS)})
      SELECT ${refs(inputRefs(auditLog, 'a', AUDIT_KEYS))}
        FROM ${unnestPlaceholders('a', tableInputColumns(auditLog, AUDIT_KEYS, []), 'au_', { ordinality: true })}
       ORDER BY a.n
    )
    SELECT count(*)::int AS changed FROM changed`;
}

const shapes = new Map<string, Shape>();

function shapeOf(keys: string[], answerKeys: string[][], withCheck: boolean): Shape {
  const key = [keys.join(','), ...answerKeys.map((k) => k.join(',')), withCheck ? 'check' : ''].join(';');
  let shape = shapes.get(key);
  if (!shape) {
    const digest = createHash('sha1').update(key).digest('hex').slice(0, 16);
    shape = { name: `report_action_write_${digest}`, keys, answerKeys, withCheck };
    shapes.set(key, shape);
  }
  return shape;
}

/** The keys given a value (undefined means "leave as it is"), in a stable order. */
const changedKeys = (changes: object) =>
  Object.keys(changes)
    .filter((key) => (changes as Record<string, unknown>)[key] !== undefined)
    .sort();

/**
 * The action's writes in one statement (data-modifying CTEs): the UPDATE of the report, of the
 * answers it moves on, the working answer's quality flags, its events, its audit rows. Used where the database runs such a statement in one go (PostgreSQL, PGlite); on
 * Citus, which never router-plans an INSERT CTE, the service writes them one by one instead.
 */
export async function writeActionOutcome(exec: Executor, w: ActionWrites): Promise<void> {
  const keys = changedKeys(w.changes);
  const answerKeys = w.answerChanges.map((a) => changedKeys(a.changes));
  const shape = shapeOf(keys, answerKeys, w.answerCheck !== undefined);
  const values: Record<string, unknown> = { reportId: w.reportId };
  const put = (columns: Record<string, PgColumn>, changes: object, keys: string[], prefix: string) => {
    for (const key of keys) {
      const value = (changes as Record<string, unknown>)[key];
      values[`${prefix}${key}`] = value === null ? null : columns[key]!.mapToDriverValue(value);
    }
  };
  put(reportColumns, w.changes, keys, 'set_');
  w.answerChanges.forEach((a, i) => {
    values[`answer${i}_id`] = a.id;
    put(answerColumns, a.changes, answerKeys[i]!, `answer${i}_`);
  });
  if (w.answerCheck) {
    values.check_answerId = w.answerCheck.answerId;
    values.check_flags = JSON.stringify(w.answerCheck.flags);
    values.check_checkedAt = w.answerCheck.checkedAt.toISOString();
  }
  Object.assign(
    values,
    unnestValues(tableInputColumns(reportEvents, EVENT_KEYS, w.events), 'ev_'),
    unnestValues(tableInputColumns(auditLog, AUDIT_KEYS, w.audit), 'au_'),
  );
  const [result] = await queryRowsBuiltOnce<{ changed: number }>(
    exec,
    shape.name,
    () => writeStatement(shape),
    values,
  );
  if (Number(result?.changed ?? 0) !== 1) throw new Error(`report ${w.reportId} was not updated`);
}
