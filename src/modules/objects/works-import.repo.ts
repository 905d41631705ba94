import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { WorkStatus } from './kinds.schemas.ts';
import { columnsByKey, type UpsertedByKey, workValues } from './objects.repo.ts';
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

export type WorkWrite = { externalId: string; objectId: string; body: WorkBody };

/**
 * The registry's works with these keys as they stand, by key, locked for the transaction: their state
 * before an import's change, for the followers' news. Locked in the keys' order, as upsertWorks writes.
 */
export async function lockWorks(
  exec: Executor,
  keys: string[],
): Promise<Map<string, { id: string; status: WorkStatus }>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ externalId: string; id: string; status: WorkStatus }>(
    exec,
    sql`SELECT external_id AS "externalId", id, status FROM object_works
        WHERE external_id = ANY(${sql.param(keys)}::text[]) ORDER BY external_id FOR UPDATE`,
  );
  return new Map(rows.map((r) => [r.externalId, { id: r.id, status: r.status }]));
}

/**
 * Stores a registry's works by their keys in one statement: added, changed where any field differs
 * (a work may also move to another object), or left as they are. The keys must be distinct, and are
 * written in order (columnsByKey); a key missing from the answer was unchanged. (An upsert that read
 * the rows' earlier state through a CTE of its own failed on Citus: lockWorks reads it first.)
 */
export async function upsertWorks(exec: Executor, works: WorkWrite[], now: Date): Promise<UpsertedByKey> {
  if (works.length === 0) return new Map();
  const column = columnsByKey(works.map((w) => ({ ...w, v: workValues(w.body) })));
  const rows = await queryRows<{ externalId: string; id: string; created: boolean }>(
    exec,
    sql`INSERT INTO object_works AS w (external_id, object_id, title, programme, contractor, budget,
          planned_start, planned_end, actual_start, actual_end, status, created_at, updated_at)
        SELECT t.external_id, t.object_id::uuid, t.title, t.programme, t.contractor, t.budget::numeric,
               t.planned_start::date, t.planned_end::date, t.actual_start::date, t.actual_end::date, t.status,
               ${now}, ${now}
        FROM unnest(${column((w) => w.externalId)}::text[], ${column((w) => w.objectId)}::text[],
                    ${column((w) => w.body.title)}::text[], ${column((w) => w.v.programme)}::text[],
                    ${column((w) => w.v.contractor)}::text[], ${column((w) => w.v.budget)}::text[],
                    ${column((w) => w.v.plannedStart)}::text[], ${column((w) => w.v.plannedEnd)}::text[],
                    ${column((w) => w.v.actualStart)}::text[], ${column((w) => w.v.actualEnd)}::text[],
                    ${column((w) => w.body.status)}::text[])
             WITH ORDINALITY AS t(external_id, object_id, title, programme, contractor, budget, planned_start,
                                  planned_end, actual_start, actual_end, status, n)
        ORDER BY t.n
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
        RETURNING external_id AS "externalId", id, (xmax = 0) AS created`,
  );
  return new Map(rows.map((r) => [r.externalId, { id: r.id, created: r.created }]));
}
