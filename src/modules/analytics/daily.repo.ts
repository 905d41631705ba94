import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { openCountsSql } from './facts.repo.ts';

/**
 * The daily roll-up (docs/analytics.md "Pre-aggregation"): per (local day, territory, top-level
 * category) the additive counts, the open-work counts and the answer-time histogram, rebuilt from the
 * facts for the cells the refresh job's reports left and entered.
 */

export type DayCell = { day: string; territoryId: string | null; topCategoryId: string };

/** The top-level category of a fact: its topic, or its own category when that has no parent. */
const top = sql`coalesce(f.topic_id, f.category_id)`;

/** The daily cells the given reports' facts fall in now. */
export async function dayCellsOf(exec: Executor, reportIds: string[]): Promise<DayCell[]> {
  if (!reportIds.length) return [];
  return queryRows<DayCell>(
    exec,
    sql`SELECT DISTINCT to_char(f.created_day, 'YYYY-MM-DD') AS day, f.territory_id AS "territoryId",
               ${top} AS "topCategoryId"
        FROM analytics_report_facts f WHERE f.report_id = ANY(${sql.param(reportIds)}::uuid[])`,
  );
}

const dailyColumns = sql`day, territory_id, top_category_id, received, answered, with_deadline, on_time, solved,
  rated, rating_sum, satisfied, disputed, redirected, merged, supporters, closed_without_rating, open_now, running_due`;

const dailySelect = sql`f.created_day, f.territory_id, ${top}, count(*), count(*) FILTER (WHERE f.answered),
  count(*) FILTER (WHERE f.on_time IS NOT NULL), count(*) FILTER (WHERE f.on_time),
  count(*) FILTER (WHERE f.solved AND f.answered), count(f.rating), coalesce(sum(f.rating), 0),
  count(*) FILTER (WHERE f.rating >= 4), count(*) FILTER (WHERE f.disputed AND f.answered),
  count(*) FILTER (WHERE f.redirected), count(*) FILTER (WHERE f.merged), coalesce(sum(f.supporters), 0),
  count(*) FILTER (WHERE f.closed_without_rating), ${openCountsSql}`;

const groupDay = sql`GROUP BY f.created_day, f.territory_id, ${top}`;

/* `WITH rows AS (SELECT …) INSERT … SELECT * FROM rows`: the form Citus 13.2 deparses (facts.repo.ts). */
const answerDaysColumns = sql`day, territory_id, top_category_id, working_days, n`;

/** Rebuilds the daily roll-ups of the given cells from the facts (delete, then insert what is there now). */
export async function rebuildDayCells(exec: Executor, cells: DayCell[]): Promise<void> {
  if (!cells.length) return;
  const keys = sql`unnest(${sql.param(cells.map((c) => c.day))}::date[],
    ${sql.param(cells.map((c) => c.territoryId))}::uuid[],
    ${sql.param(cells.map((c) => c.topCategoryId))}::uuid[]) AS k(day, t, c)`;
  for (const table of ['analytics_daily', 'analytics_daily_answer_days']) {
    await exec.execute(
      sql`DELETE FROM ${sql.raw(table)} d USING ${keys}
          WHERE d.day = k.day AND d.territory_id IS NOT DISTINCT FROM k.t AND d.top_category_id = k.c`,
    );
  }
  await insertDayCells(
    exec,
    cells.filter((c) => c.territoryId !== null),
    true,
  );
  await insertDayCells(
    exec,
    cells.filter((c) => c.territoryId === null),
    false,
  );
}

/**
 * Inserts the cells' rows from their facts. Cells with a territory reach their facts through the
 * index on (category_id, territory_id, created_day), one probe per subject of the topic, so a pass
 * reads the touched cells' facts only; the rare cells without a territory read their days' facts.
 */
async function insertDayCells(exec: Executor, cells: DayCell[], withTerritory: boolean): Promise<void> {
  if (!cells.length) return;
  const keys = sql`unnest(${sql.param(cells.map((c) => c.day))}::date[],
    ${sql.param(cells.map((c) => c.territoryId))}::uuid[],
    ${sql.param(cells.map((c) => c.topCategoryId))}::uuid[]) AS k(day, t, c)`;
  const days = [...new Set(cells.map((c) => c.day))];
  const factsOfCells = withTerritory
    ? sql`FROM ${keys} JOIN categories cat ON cat.id = k.c OR cat.parent_id = k.c
        JOIN analytics_report_facts f ON f.category_id = cat.id AND f.territory_id = k.t AND f.created_day = k.day
        WHERE ${top} = k.c`
    : sql`FROM analytics_report_facts f JOIN ${keys}
        ON f.created_day = k.day AND f.territory_id IS NULL AND ${top} = k.c
        WHERE f.created_day = ANY(${sql.param(days)}::date[]) AND f.territory_id IS NULL`;
  await exec.execute(
    sql`WITH rows AS (SELECT ${dailySelect} ${factsOfCells} ${groupDay})
        INSERT INTO analytics_daily (${dailyColumns}) SELECT * FROM rows`,
  );
  await exec.execute(
    sql`WITH rows AS (
          SELECT f.created_day, f.territory_id, ${top}, f.answer_working_days, count(*)
          ${factsOfCells} AND f.answer_working_days IS NOT NULL ${groupDay}, f.answer_working_days)
        INSERT INTO analytics_daily_answer_days (${answerDaysColumns}) SELECT * FROM rows`,
  );
}

/** Rebuilds the whole daily roll-up from the facts (after a bulk load or a calendar change). */
export async function rebuildAllDays(exec: Executor): Promise<void> {
  await exec.execute(sql`DELETE FROM analytics_daily`);
  await exec.execute(sql`DELETE FROM analytics_daily_answer_days`);
  await exec.execute(
    sql`WITH rows AS (SELECT ${dailySelect} FROM analytics_report_facts f ${groupDay})
        INSERT INTO analytics_daily (${dailyColumns}) SELECT * FROM rows`,
  );
  await exec.execute(
    sql`WITH rows AS (
          SELECT f.created_day, f.territory_id, ${top}, f.answer_working_days, count(*)
          FROM analytics_report_facts f WHERE f.answer_working_days IS NOT NULL ${groupDay}, f.answer_working_days)
        INSERT INTO analytics_daily_answer_days (${answerDaysColumns}) SELECT * FROM rows`,
  );
}
