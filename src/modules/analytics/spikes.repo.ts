import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

export type DayCount = { day: string; topicId: string; territoryId: string; n: number };

/** Reports per local day, topic and district (merged duplicates left out: they are one problem). */
export async function dailyCounts(exec: Executor, from: string, to: string): Promise<DayCount[]> {
  const rows = await queryRows<{ day: string; topicId: string; territoryId: string; n: number }>(
    exec,
    sql`SELECT to_char(created_day, 'YYYY-MM-DD') AS day, topic_id AS "topicId", territory_id AS "territoryId", count(*)::int AS n
        FROM analytics_report_facts
        WHERE created_day BETWEEN ${from}::date AND ${to}::date AND NOT merged
          AND topic_id IS NOT NULL AND territory_id IS NOT NULL
        GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export type AlertRow = {
  id: string;
  categoryId: string;
  territoryId: string;
  openedDay: string;
  closedDay: string | null;
  observed: number;
  expected: number;
  pValue: number;
};

const alertColumns = sql`id, category_id AS "categoryId", territory_id AS "territoryId",
  to_char(opened_day, 'YYYY-MM-DD') AS "openedDay", to_char(closed_day, 'YYYY-MM-DD') AS "closedDay",
  observed, expected, p_value AS "pValue"`;

export async function openAlerts(exec: Executor): Promise<AlertRow[]> {
  return queryRows<AlertRow>(
    exec,
    sql`SELECT ${alertColumns} FROM analytics_alerts WHERE closed_day IS NULL`,
  );
}

export async function listAlerts(exec: Executor, includeClosed: boolean, limit: number): Promise<AlertRow[]> {
  return queryRows<AlertRow>(
    exec,
    sql`SELECT ${alertColumns} FROM analytics_alerts
        WHERE ${includeClosed ? sql`TRUE` : sql`closed_day IS NULL`}
        ORDER BY closed_day IS NULL DESC, opened_day DESC, p_value LIMIT ${limit}`,
  );
}

export async function findAlert(exec: Executor, id: string): Promise<AlertRow | undefined> {
  const [row] = await queryRows<AlertRow>(
    exec,
    sql`SELECT ${alertColumns} FROM analytics_alerts WHERE id = ${id}`,
  );
  return row;
}

/** Raises an alert unless one is open for the cell (the partial unique index makes it once). */
export async function raiseAlert(
  exec: Executor,
  a: {
    categoryId: string;
    territoryId: string;
    day: string;
    observed: number;
    expected: number;
    pValue: number;
  },
  now: Date,
): Promise<void> {
  await exec.execute(
    sql`INSERT INTO analytics_alerts (category_id, territory_id, opened_day, observed, expected, p_value, created_at, updated_at)
        VALUES (${a.categoryId}, ${a.territoryId}, ${a.day}::date, ${a.observed}, ${a.expected}, ${a.pValue}, ${now}, ${now})
        ON CONFLICT (category_id, territory_id) WHERE closed_day IS NULL DO NOTHING`,
  );
}

export async function updateAlert(
  exec: Executor,
  id: string,
  a: { observed: number; expected: number; pValue: number; closedDay: string | null },
  now: Date,
): Promise<void> {
  await exec.execute(
    sql`UPDATE analytics_alerts SET observed = ${a.observed}, expected = ${a.expected}, p_value = ${a.pValue},
          closed_day = ${a.closedDay}::date, updated_at = ${now}
        WHERE id = ${id} AND closed_day IS NULL`,
  );
}
