import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Executor, queryRows, queryRowsPrepared } from '../../db/connection.ts';
import { reportIntakeColumns, reports } from '../../db/schema/reports.ts';
import { type InputColumn, inputRefs, insertSelect } from '../../db/unnest.ts';
import type { OutcomeRow } from './intake.repo.ts';
import { rowColumns } from './reports.repo.ts';

/**
 * The intake on a Citus coordinator (docs/scale-out.md, "What Citus costs"). Citus never
 * router-plans a statement with INSERT common table expressions, nor an INSERT … SELECT that draws
 * an identity or a serial: the one-statement intake became about eight distributed steps, its input
 * broadcast to every worker, the routing rules pulled to the coordinator and a two-phase commit. Here
 * the same work is a PL/pgSQL function of the region's schema whose statements each touch only the
 * region's tables, so each is router-planned to the one worker holding the region, and the
 * transaction commits there alone (one phase). The function runs on the coordinator, deliberately not
 * delegated to the worker: there, identities and serials would come from the worker's own sequence
 * range, so report numbers and event ids filed at intake would not follow those written by actions
 * (timelines, the notification cursor and the webhook outbox read events in id order).
 * It is generated from the same Drizzle columns as the statement (intake.repo.ts) and named after a
 * hash of its text, so a changed intake installs a new function instead of running an old one.
 * On plain PostgreSQL and PGlite nothing here runs: the one statement is faster there.
 */

/** Per connection: the Citus intake function's name once installed, or null where Citus is absent. */
const installed = new WeakMap<object, string | null>();

type Internals = { _: { session: { client: object } } };

function inputArgs(columns: InputColumn[]): string {
  return [...columns.map((c) => `${c.type}[]`), 'float8', 'float8'].join(', ');
}

/** The function's text for these input columns (their names and types, not their values). */
function functionDefinition(columns: InputColumn[]): { name: string; text: string } {
  const dialect = new PgDialect();
  const render = (q: SQL) => dialect.sqlToQuery(q).sql;
  const args = columns.map((c, k) => `$${k + 1}::${c.type}[]`).join(', ');
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const degrees = `$${columns.length + 1}`;
  const meters = `$${columns.length + 2}`;
  const insert = insertSelect(reports, {
    ...inputRefs(reports, 'i', reportIntakeColumns),
    status: sql`'submitted'`,
    location: sql`ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326)`,
    territoryId: sql`i.x_territory_id`,
    routing: sql`jsonb_build_object('proposedRules', i.x_rules)`,
    createdAt: sql`i.at`,
    updatedAt: sql`i.at`,
  });
  const out = [
    `"inputId" uuid`,
    'inserted boolean',
    `"categoryFound" boolean`,
    `"categorySelectable" boolean`,
    `"districtId" uuid`,
    ...rowColumns.map(([key, column]) => `"${key}" ${column.getSQLType()}`),
    'lat float8',
    'lon float8',
    `"categoryCode" text`,
    `"categoryNameRu" text`,
    `"categoryNameEn" text`,
    `"territoryParentId" uuid`,
    `"territoryNameRu" text`,
    `"territoryNameEn" text`,
    `"organisationNameRu" text`,
    `"organisationNameEn" text`,
    `"thumbMediaId" uuid`,
    `"noticeLinks" jsonb`,
  ];
  const assign = rowColumns.map(([key, column]) => `"${key}" := r."${column.name}";`).join('\n      ');
  const point = 'ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)';
  const body = `
#variable_conflict use_column
DECLARE
  i record; r reports; cat_found boolean; v_notices jsonb;
BEGIN
  -- Every look-up of the whole batch in one statement, router-planned to the region's worker: the
  -- category, the district (the one containing the point, else the nearest within the tolerance),
  -- the routing rules (only for a selectable category in a district, as the insert needs them) and
  -- the notices in force that explain the report (docs/notices.md). One look-up statement per report
  -- each (and a batch-wide notice probe as dynamic SQL, planned anew every call) cost a coordinator
  -- → worker round trip apiece: they were most of the function's time (docs/scale-out.md).
  FOR i IN
    SELECT u.*, c.id AS x_cat_id, c.code AS x_cat_code, c.name_ru AS x_cat_name_ru,
           c.name_en AS x_cat_name_en, c.parent_id AS x_cat_parent_id,
           d.territory_id AS x_territory_id, d.parent_id AS x_territory_parent_id,
           d.name_ru AS x_territory_name_ru, d.name_en AS x_territory_name_en,
           ru.list AS x_rules, nl.list AS x_notices
    FROM unnest(${args}) WITH ORDINALITY AS u(${names}, x_ord)
    LEFT JOIN categories c ON c.id = u.category_id AND c.is_active
    LEFT JOIN LATERAL (
      (SELECT t.id AS territory_id, t.parent_id, t.name_ru, t.name_en FROM territories t
        WHERE t.kind = 'district' AND t.is_active AND ST_Intersects(t.geom, ${point}) LIMIT 1)
      UNION ALL
      (SELECT n.id, n.parent_id, n.name_ru, n.name_en FROM (
          SELECT t.id, t.parent_id, t.name_ru, t.name_en,
                 ST_Distance(t.geom::geography, ${point}::geography) AS meters
          FROM territories t
          WHERE t.kind = 'district' AND t.is_active AND ST_DWithin(t.geom, ${point}, ${degrees})
          ORDER BY t.geom <-> ${point} LIMIT 1) n
        WHERE n.meters <= ${meters})
      LIMIT 1) d ON TRUE
    LEFT JOIN LATERAL (
      SELECT coalesce(jsonb_agg(jsonb_build_object('ruleId', x.id, 'organisationId', x.organisation_id,
               'territoryId', x.territory_id) ORDER BY x.territory_id NULLS LAST), '[]'::jsonb) AS list
      FROM routing_rules x WHERE x.category_id = c.id
        AND (x.territory_id = d.territory_id OR x.territory_id IS NULL)) ru
      ON c.parent_id IS NOT NULL AND d.territory_id IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', n.id, 'title', n.title, 'endsAt', n.ends_at)
                       ORDER BY n.ends_at, n.id) AS list
      FROM notices n
      WHERE ST_Intersects(n.match_area, ${point})
        AND n.starts_at <= u.at AND n.ends_at > u.at AND u.category_id = ANY(n.category_ids)) nl ON TRUE
    ORDER BY u.x_ord
  LOOP
    r := NULL; v_notices := NULL;
    cat_found := i.x_cat_id IS NOT NULL;
    IF cat_found AND i.x_cat_parent_id IS NOT NULL AND i.x_territory_id IS NOT NULL THEN
      INSERT INTO reports (${render(insert.columns)}) VALUES (${render(insert.values)})
        ON CONFLICT (author_id, idempotency_key) DO NOTHING RETURNING * INTO r;
      IF r.id IS NOT NULL THEN
        INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_role, is_public, payload, created_at)
          VALUES (r.id, 'submitted', NULL, 'submitted', i.author_id, i.author_role, TRUE, '{}'::jsonb, i.at);
        INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, details, created_at)
          VALUES (i.author_id, i.author_role, 'report.submit', 'report', r.id::text, '{}'::jsonb, i.at);
        -- Linked at once (as in the one-statement intake), from the look-up above.
        v_notices := i.x_notices;
        IF v_notices IS NOT NULL THEN
          EXECUTE $link$
            INSERT INTO report_notices (report_id, notice_id, created_at)
            SELECT $1, (e ->> 'id')::uuid, $2 FROM jsonb_array_elements($3) e
          $link$ USING r.id, i.at::timestamptz, v_notices;
        END IF;
      END IF;
    END IF;
    "inputId" := i.id;
    inserted := r.id IS NOT NULL;
    "categoryFound" := cat_found;
    "categorySelectable" := cat_found AND i.x_cat_parent_id IS NOT NULL;
    "districtId" := i.x_territory_id;
    ${assign}
    lat := ST_Y(r.location);
    lon := ST_X(r.location);
    "categoryCode" := i.x_cat_code;
    "categoryNameRu" := i.x_cat_name_ru;
    "categoryNameEn" := i.x_cat_name_en;
    "territoryParentId" := i.x_territory_parent_id;
    "territoryNameRu" := i.x_territory_name_ru;
    "territoryNameEn" := i.x_territory_name_en;
    -- a new report has no organisation yet, and its photos are linked after this call
    "organisationNameRu" := NULL; "organisationNameEn" := NULL; "thumbMediaId" := NULL;
    "noticeLinks" := v_notices;
    RETURN NEXT;
  END LOOP;
END`;
  const hash = createHash('sha256')
    .update(`${inputArgs(columns)}\n${out.join(',')}\n${body}`)
    .digest('hex');
  const name = `vmeste_report_intake_${hash.slice(0, 12)}`;
  const text = `CREATE OR REPLACE FUNCTION ${name}(${inputArgs(columns)})
  RETURNS TABLE (${out.join(', ')}) LANGUAGE plpgsql SET search_path FROM CURRENT AS $vmeste$${body}$vmeste$`;
  return { name, text };
}

/**
 * The name of the region's intake function on a Citus coordinator (installed on first use, once per
 * region and intake version), or null without Citus. Asked once per connection.
 */
export async function citusIntakeFunction(exec: Executor, columns: InputColumn[]): Promise<string | null> {
  const client = (exec as unknown as Internals)._.session.client;
  const known = installed.get(client);
  if (known !== undefined) return known;
  const [present] = await queryRows<{ citus: boolean; schema: string }>(
    exec,
    sql`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus, current_schema() AS schema`,
  );
  let name: string | null = null;
  if (present?.citus) {
    const definition = functionDefinition(columns);
    name = definition.name;
    const signature = `${present.schema}.${name}(${inputArgs(columns)})`;
    const [exists] = await queryRows<{ found: boolean }>(
      exec,
      sql`SELECT to_regprocedure(${signature}) IS NOT NULL AS found`,
    );
    if (!exists?.found) {
      // Two app nodes starting at once: the lock makes the second find the function the first made.
      await exec.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${signature}))`);
        const [again] = await queryRows<{ found: boolean }>(
          tx,
          sql`SELECT to_regprocedure(${signature}) IS NOT NULL AS found`,
        );
        if (again?.found) return;
        await tx.execute(sql.raw(definition.text));
      });
    }
  }
  installed.set(client, name);
  return name;
}

/** One call from the app; each statement inside goes to the region's worker (see above). */
export async function callCitusIntake(
  exec: Executor,
  name: string,
  columns: InputColumn[],
  degrees: number,
  meters: number,
): Promise<OutcomeRow[]> {
  const args = [
    ...columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`),
    sql`${degrees}::float8`,
    sql`${meters}::float8`,
  ];
  return queryRowsPrepared<OutcomeRow>(
    exec,
    name,
    sql`SELECT * FROM ${sql.identifier(name)}(${sql.join(args, sql`, `)})`,
  );
}
