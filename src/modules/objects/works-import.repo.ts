import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { WorkStatus } from './kinds.schemas.ts';
import { type UpsertOutcome, workValues } from './objects.repo.ts';
import type { WorkBody } from './objects.schemas.ts';

/** The objects with these registry keys (`<source>:<id>`), by key: where a works registry's rows go. */
export async function objectsByExternalId(
  exec: Executor,
  keys: string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string; externalId: string }>(
    exec,
    sql`SELECT id, name, external_id AS "externalId" FROM city_objects
        WHERE external_id = ANY(${sql.param(keys)}::text[])`,
  );
  return new Map(rows.map((r) => [r.externalId, { id: r.id, name: r.name }]));
}

/**
 * Stores a registry's work by its key: added, changed where any field differs (it may also move to
 * another object), or left as it is. `before`: its state before (null when it is new), for the
 * followers' news, read with the row locked for the transaction. (An upsert that read it through a
 * CTE of its own failed on Citus.)
 */
export async function upsertWork(
  exec: Executor,
  w: { externalId: string; objectId: string; body: WorkBody },
  now: Date,
): Promise<{ id: string; outcome: UpsertOutcome; before: WorkStatus | null }> {
  const [old] = await queryRows<{ id: string; status: WorkStatus }>(
    exec,
    sql`SELECT id, status FROM object_works WHERE external_id = ${w.externalId} FOR UPDATE`,
  );
  const b = w.body;
  const v = workValues(b);
  const [row] = await queryRows<{ id: string; created: boolean }>(
    exec,
    sql`INSERT INTO object_works AS w (external_id, object_id, title, programme, contractor, budget,
          planned_start, planned_end, actual_start, actual_end, status, created_at, updated_at)
        VALUES (${w.externalId}, ${w.objectId}, ${b.title}, ${v.programme}, ${v.contractor}, ${v.budget}::numeric,
          ${v.plannedStart}::date, ${v.plannedEnd}::date, ${v.actualStart}::date, ${v.actualEnd}::date,
          ${b.status}, ${now}, ${now})
        ON CONFLICT (external_id) DO UPDATE SET object_id = excluded.object_id, title = excluded.title,
          programme = excluded.programme, contractor = excluded.contractor, budget = excluded.budget,
          planned_start = excluded.planned_start, planned_end = excluded.planned_end,
          actual_start = excluded.actual_start, actual_end = excluded.actual_end, status = excluded.status,
          updated_at = excluded.updated_at
        WHERE (w.object_id, w.title, w.programme, w.contractor, w.budget, w.planned_start, w.planned_end,
               w.actual_start, w.actual_end, w.status) IS DISTINCT FROM
              (excluded.object_id, excluded.title, excluded.programme, excluded.contractor, excluded.budget,
               excluded.planned_start, excluded.planned_end, excluded.actual_start, excluded.actual_end,
               excluded.status)
        RETURNING id, (xmax = 0) AS created`,
  );
  const before = old?.status ?? null;
  if (row) return { id: row.id, outcome: row.created ? 'created' : 'updated', before };
  // Unchanged: the row was there (read above, or added since by an import running beside this one).
  const id =
    old?.id ??
    (
      await queryRows<{ id: string }>(
        exec,
        sql`SELECT id FROM object_works WHERE external_id = ${w.externalId}`,
      )
    )[0]!.id;
  return { id, outcome: 'unchanged', before };
}
