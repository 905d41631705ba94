import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { deadlineStatuses, openStatuses } from '../reports/report-states.ts';
import { MAP_BASE_CELL_METRES } from './map-grid.ts';

/**
 * The SQL that keeps `analytics_report_facts` and the monthly roll-ups (docs/analytics.md). Dates are
 * local to the region (UTC+3 all year, as src/lib/working-days.ts), so a report filed at 01:00 Moscow
 * time on the 1st counts on the 1st.
 */

/** The local date of a timestamptz expression. */
export const localDay = (ts: SQL): SQL => sql`((${ts} AT TIME ZONE 'UTC') + interval '3 hours')::date`;

const list = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export async function readState(
  exec: Executor,
  key: string,
): Promise<{ at: Date | null; value: string | null }> {
  const [row] = await queryRows<{ at: Date | string | null; value: string | null }>(
    exec,
    sql`SELECT at, value FROM analytics_state WHERE key = ${key}`,
  );
  if (!row) return { at: null, value: null };
  return { at: row.at === null ? null : new Date(row.at), value: row.value };
}

export async function writeState(
  exec: Executor,
  key: string,
  value: string | null,
  at: Date | null,
): Promise<void> {
  await exec.execute(
    sql`INSERT INTO analytics_state (key, at, value) VALUES (${key}, ${at}, ${value})
        ON CONFLICT (key) DO UPDATE SET at = excluded.at, value = excluded.value`,
  );
}

/** Replaces the working-day index: `idx` counts the working days before each date. */
export async function replaceWorkdays(exec: Executor, days: string[], idx: number[]): Promise<void> {
  await exec.execute(sql`DELETE FROM analytics_workdays`);
  await exec.execute(
    sql`INSERT INTO analytics_workdays (day, idx)
        SELECT d, i FROM unnest(${sql.param(days)}::date[], ${sql.param(idx)}::int[]) AS u(d, i)`,
  );
}

/** Reports touched by timeline events after `afterId` (every command, intake and support writes one). */
export async function changedReports(
  exec: Executor,
  afterId: number,
  limit: number,
): Promise<{ ids: string[]; maxId: number }> {
  const rows = await queryRows<{ report_id: string; id: string | number }>(
    exec,
    sql`SELECT report_id, id FROM report_events WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
  const ids = [...new Set(rows.map((r) => r.report_id))];
  const maxId = rows.length ? Number(rows[rows.length - 1]!.id) : afterId;
  return { ids, maxId };
}

/** The number of timeline events with ids in (after, upTo]. */
export async function eventsBetween(exec: Executor, after: number, upTo: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM report_events WHERE id > ${after} AND id <= ${upTo}`,
  );
  return Number(row?.n ?? 0);
}

export async function lastEventId(exec: Executor): Promise<number> {
  const [row] = await queryRows<{ id: string | number | null }>(
    exec,
    sql`SELECT max(id) AS id FROM report_events`,
  );
  return Number(row?.id ?? 0);
}

/**
 * Recomputes the facts of the reports matching `where` (over `reports r`). One statement: the answer
 * time is the running working-day count at the answer less the one at submission, less the working
 * days of every clarification pause before the answer (from the question to the author's reply).
 */
export async function upsertFacts(exec: Executor, where: SQL, now: Date): Promise<number> {
  const end = sql`least(coalesce(en.ended, s.answered_at), s.answered_at)`;
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`WITH s AS (
          SELECT r.id, r.created_at, r.territory_id, r.category_id, c.parent_id AS topic_id,
                 r.organisation_id, r.status, r.due_at, r.answered_at, r.redirect_count,
                 (r.is_public AND r.kind = 'report'
                   AND r.status NOT IN ('submitted', 'clarification_requested', 'rejected')) AS is_public,
                 ST_X(r.mercator) AS mx, ST_Y(r.mercator) AS my
          FROM reports r JOIN categories c ON c.id = r.category_id
          WHERE ${where}
        ), up AS (
        INSERT INTO analytics_report_facts AS f (report_id, created_day, territory_id, category_id, topic_id,
          organisation_id, status, is_public, is_open, deadline_running, due_at, answered, answered_at, answer_working_days,
          on_time, solved, rating, disputed, redirected, merged, supporters, closed_without_rating, mx, my, cell_x, cell_y,
          refreshed_at)
        SELECT s.id, ${localDay(sql`s.created_at`)}, s.territory_id, s.category_id, s.topic_id, s.organisation_id,
          s.status, s.is_public,
          s.status IN (${list(openStatuses)}),
          s.status IN (${list(deadlineStatuses)}),
          s.due_at,
          s.answered_at IS NOT NULL,
          s.answered_at,
          CASE WHEN s.answered_at IS NOT NULL THEN wa.idx - wc.idx - coalesce(p.pause, 0) END,
          CASE WHEN s.answered_at IS NOT NULL AND s.due_at IS NOT NULL THEN s.answered_at <= s.due_at END,
          (s.status = 'resolved' OR coalesce(rt.solved, false)),
          rt.score,
          EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = s.id AND e.type = 'disputed'),
          s.redirect_count > 0,
          s.status = 'merged',
          (SELECT count(*) FROM report_followers fo WHERE fo.report_id = s.id AND fo.reason = 'supporter'),
          EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = s.id AND e.type = 'closed'
                    AND e.payload->>'reason' = 'no_rating'),
          s.mx, s.my, floor(s.mx / ${MAP_BASE_CELL_METRES}::float8)::int, floor(s.my / ${MAP_BASE_CELL_METRES}::float8)::int,
          ${now}
        FROM s
        LEFT JOIN analytics_workdays wc ON wc.day = ${localDay(sql`s.created_at`)}
        LEFT JOIN analytics_workdays wa ON wa.day = ${localDay(sql`s.answered_at`)}
        LEFT JOIN LATERAL (
          SELECT ra.score, ra.solved FROM ratings ra WHERE ra.report_id = s.id ORDER BY ra.created_at DESC LIMIT 1
        ) rt ON true
        LEFT JOIN LATERAL (
          SELECT sum(we.idx - ws.idx)::int AS pause
          FROM report_events q
          LEFT JOIN LATERAL (
            SELECT min(x.created_at) AS ended FROM report_events x
            WHERE x.report_id = q.report_id AND x.id > q.id AND x.from_status = 'clarification_requested'
          ) en ON true
          JOIN analytics_workdays ws ON ws.day = ${localDay(sql`q.created_at`)}
          JOIN analytics_workdays we ON we.day = ${localDay(end)}
          WHERE q.report_id = s.id AND q.to_status = 'clarification_requested'
            AND s.answered_at IS NOT NULL AND q.created_at < s.answered_at
        ) p ON true
        ON CONFLICT (report_id) DO UPDATE SET
          created_day = excluded.created_day, territory_id = excluded.territory_id,
          category_id = excluded.category_id, topic_id = excluded.topic_id,
          organisation_id = excluded.organisation_id, status = excluded.status, is_public = excluded.is_public,
          is_open = excluded.is_open, deadline_running = excluded.deadline_running, due_at = excluded.due_at,
          answered = excluded.answered, answered_at = excluded.answered_at, answer_working_days = excluded.answer_working_days,
          on_time = excluded.on_time, solved = excluded.solved, rating = excluded.rating,
          disputed = excluded.disputed, redirected = excluded.redirected, merged = excluded.merged,
          supporters = excluded.supporters, closed_without_rating = excluded.closed_without_rating,
          mx = excluded.mx, my = excluded.my, cell_x = excluded.cell_x, cell_y = excluded.cell_y,
          refreshed_at = excluded.refreshed_at
        RETURNING 1)
        SELECT count(*)::int AS n FROM up`,
  );
  return rows[0]?.n ?? 0;
}

export type Cell = {
  month: string;
  territoryId: string | null;
  categoryId: string;
  topicId: string | null;
  organisationId: string | null;
};

/** The monthly cells the given reports' facts fall in now. */
export async function cellsOf(exec: Executor, reportIds: string[]): Promise<Cell[]> {
  if (!reportIds.length) return [];
  return queryRows<Cell>(
    exec,
    sql`SELECT DISTINCT to_char(date_trunc('month', created_day), 'YYYY-MM-DD') AS month,
               territory_id AS "territoryId", category_id AS "categoryId", topic_id AS "topicId",
               organisation_id AS "organisationId"
        FROM analytics_report_facts WHERE report_id = ANY(${sql.param(reportIds)}::uuid[])`,
  );
}

/** Open work now, and the open work whose deadline runs and is set: overdue = that less the not yet due. */
export const openCountsSql = sql`count(*) FILTER (WHERE f.is_open),
  count(*) FILTER (WHERE f.is_open AND f.deadline_running AND f.due_at IS NOT NULL)`;

const monthlyColumns = sql`month, territory_id, category_id, topic_id, organisation_id, received, answered,
  with_deadline, on_time, solved, rated, rating_sum, satisfied, disputed, redirected, merged, supporters,
  closed_without_rating, open_now, running_due`;

const monthlySelect = sql`date_trunc('month', f.created_day)::date, f.territory_id, f.category_id, f.topic_id,
  f.organisation_id, count(*), count(*) FILTER (WHERE f.answered),
  count(*) FILTER (WHERE f.on_time IS NOT NULL), count(*) FILTER (WHERE f.on_time),
  count(*) FILTER (WHERE f.solved AND f.answered), count(f.rating), coalesce(sum(f.rating), 0),
  count(*) FILTER (WHERE f.rating >= 4), count(*) FILTER (WHERE f.disputed AND f.answered),
  count(*) FILTER (WHERE f.redirected), count(*) FILTER (WHERE f.merged), coalesce(sum(f.supporters), 0),
  count(*) FILTER (WHERE f.closed_without_rating), ${openCountsSql}`;

const groupCell = sql`GROUP BY 1, f.territory_id, f.category_id, f.topic_id, f.organisation_id`;

/** Rebuilds the roll-ups of the given cells from the facts (delete, then insert what is there now). */
export async function rebuildCells(exec: Executor, cells: Cell[]): Promise<void> {
  if (!cells.length) return;
  const arrays = sql`unnest(${sql.param(cells.map((c) => c.month))}::date[],
    ${sql.param(cells.map((c) => c.territoryId))}::uuid[], ${sql.param(cells.map((c) => c.categoryId))}::uuid[],
    ${sql.param(cells.map((c) => c.organisationId))}::uuid[]) AS k(month, t, c, o)`;
  const match = (alias: string) =>
    sql.raw(`${alias}.territory_id IS NOT DISTINCT FROM k.t AND ${alias}.category_id = k.c
      AND ${alias}.organisation_id IS NOT DISTINCT FROM k.o`);
  for (const table of ['analytics_monthly', 'analytics_monthly_answer_days']) {
    await exec.execute(
      sql`DELETE FROM ${sql.raw(table)} m USING ${arrays} WHERE m.month = k.month AND ${match('m')}`,
    );
  }
  const factsOfCells = sql`FROM analytics_report_facts f JOIN ${arrays}
    ON f.created_day >= k.month AND f.created_day < k.month + interval '1 month' AND ${match('f')}`;
  await exec.execute(
    sql`WITH rows AS (SELECT ${monthlySelect} ${factsOfCells} ${groupCell})
        INSERT INTO analytics_monthly (${monthlyColumns}) SELECT * FROM rows`,
  );
  await exec.execute(
    sql`WITH rows AS (
          SELECT date_trunc('month', f.created_day)::date, f.territory_id, f.category_id, f.topic_id, f.organisation_id,
                 f.answer_working_days, count(*)
          ${factsOfCells} WHERE f.answer_working_days IS NOT NULL ${groupCell}, f.answer_working_days)
        INSERT INTO ${answerDaysTable} SELECT * FROM rows`,
  );
}

/*
 * The roll-ups are written as `WITH rows AS (SELECT …) INSERT … SELECT * FROM rows`: Citus 13.2
 * deparses a plain `INSERT INTO … SELECT … FROM` a single-shard (schema-distributed) table with a
 * broken partition filter (`WHERE ( IS NOT NULL)`, a syntax error on the worker); the CTE form is
 * planned without it. Same result on PostgreSQL.
 */
const answerDaysTable = sql.raw(
  'analytics_monthly_answer_days (month, territory_id, category_id, topic_id, organisation_id, working_days, n)',
);

/** Rebuilds every roll-up from the facts (after a bulk load or a calendar change). */
export async function rebuildAllRollups(exec: Executor): Promise<void> {
  await exec.execute(sql`DELETE FROM analytics_monthly`);
  await exec.execute(sql`DELETE FROM analytics_monthly_answer_days`);
  await exec.execute(
    sql`WITH rows AS (SELECT ${monthlySelect} FROM analytics_report_facts f ${groupCell})
        INSERT INTO analytics_monthly (${monthlyColumns}) SELECT * FROM rows`,
  );
  await exec.execute(
    sql`WITH rows AS (
          SELECT date_trunc('month', f.created_day)::date, f.territory_id, f.category_id, f.topic_id, f.organisation_id,
                 f.answer_working_days, count(*)
          FROM analytics_report_facts f WHERE f.answer_working_days IS NOT NULL ${groupCell}, f.answer_working_days)
        INSERT INTO ${answerDaysTable} SELECT * FROM rows`,
  );
}

/** The reports created in [from, to) by creation time, for a bulk refresh in slices. */
export const createdBetween = (from: Date, to: Date): SQL =>
  sql`r.created_at >= ${from} AND r.created_at < ${to}`;

export const reportIdIn = (ids: string[]): SQL => sql`r.id = ANY(${sql.param(ids)}::uuid[])`;

export async function createdRange(exec: Executor): Promise<{ min: Date; max: Date } | null> {
  const [row] = await queryRows<{ min: Date | string | null; max: Date | string | null }>(
    exec,
    sql`SELECT min(created_at) AS min, max(created_at) AS max FROM reports`,
  );
  if (!row?.min || !row.max) return null;
  return { min: new Date(row.min), max: new Date(row.max) };
}
