import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { type Executor, queryRowsPrepared } from '../../db/connection.ts';
import { categories, organisations, reports, users } from '../../db/schema/index.ts';
import { inputRefs, insertSelect, tableInputColumns, unnestAs } from '../../db/unnest.ts';
import { hashPassword } from '../identity/index.ts';
import type { ImportReference } from './import-mapping.ts';
import type { ImportRow } from './import-row.ts';

/**
 * The author of every imported report: a service account, not a person (the export's residents are
 * not invented as users). The `.invalid` domain cannot receive mail, and the password is a random
 * secret thrown away at once, so nobody can sign in as it.
 */
export const IMPORT_USER_EMAIL = 'import@vmeste.invalid';

export async function ensureImportUser(exec: Executor): Promise<string> {
  const existing = await exec.select({ id: users.id }).from(users).where(eq(users.email, IMPORT_USER_EMAIL));
  if (existing[0]) return existing[0].id;
  await exec
    .insert(users)
    .values({
      email: IMPORT_USER_EMAIL,
      passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
      name: 'Импорт исторических сообщений',
      role: 'resident',
    })
    .onConflictDoNothing();
  const created = await exec.select({ id: users.id }).from(users).where(eq(users.email, IMPORT_USER_EMAIL));
  return created[0]!.id;
}

/** Subjects (active, selectable) and organisations by code: small tables, read once per run. */
export async function loadImportReference(exec: Executor): Promise<ImportReference> {
  const subjects = await exec
    .select({ id: categories.id, code: categories.code, slaDays: categories.slaDays })
    .from(categories)
    .where(and(isNotNull(categories.parentId), eq(categories.isActive, true)));
  const orgs = await exec
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(eq(organisations.isActive, true));
  return {
    subjects: new Map(subjects.map((s) => [s.code, { id: s.id, slaDays: s.slaDays }])),
    organisations: new Map(orgs.map((o) => [o.code, o.id])),
  };
}

export type ImportOutcome = {
  /** False: already imported under this (source, external id), or outside the region. */
  inserted: boolean;
  /** False when no district contains the point or lies within the tolerance. */
  inRegion: boolean;
};

/**
 * The report columns an import line gives as they are: names, SQL types and values in the statement
 * come from this list and the schema (src/db/unnest.ts), never from a positional list.
 */
const givenColumns = [
  'id',
  'categoryId',
  'status',
  'text',
  'address',
  'organisationId',
  'isPublic',
  'createdAt',
  'dueAt',
] as const satisfies readonly (keyof typeof reports.$inferInsert)[];

/**
 * Imports a batch in ONE statement, as the intake does (docs/decisions/0002): the district of each
 * point (containing, or the nearest within tolerance), the claim on (source, external id) — which
 * makes re-runs and concurrent runs skip what is already here — then the report row with its
 * original date and status and its 'imported' timeline event. The claim is inserted before the
 * report it references: that foreign key waits for the commit (migration 0018; Citus runs each CTE
 * as a statement of its own). No audit row per report (the run writes one) and no notification:
 * history is not news.
 */
export async function insertImportedReports(
  exec: Executor,
  rows: ImportRow[],
  args: { source: string; authorId: string; now: Date; toleranceMeters: number },
): Promise<Map<string, ImportOutcome>> {
  const input = unnestAs('i', [
    ...tableInputColumns(reports, givenColumns, rows),
    { name: 'external_id', type: 'text', values: rows.map((r) => r.externalId) },
    { name: 'lat', type: 'float8', values: rows.map((r) => r.lat) },
    { name: 'lon', type: 'float8', values: rows.map((r) => r.lon) },
  ]);
  const insert = insertSelect(reports, {
    ...inputRefs(reports, 'i', givenColumns),
    kind: sql`'report'`,
    location: sql`pt.g`,
    territoryId: sql`dist.territory_id`,
    authorId: sql`${args.authorId}::uuid`,
    updatedAt: sql`i.created_at`,
  });
  const degrees = args.toleranceMeters / 50_000;
  const result = await queryRowsPrepared<{ id: string } & ImportOutcome>(
    exec,
    'vmeste_report_import',
    sql`WITH input AS (SELECT * FROM ${input}),
      pt AS (SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g FROM input),
      dist AS (
        SELECT pt.id, d.territory_id FROM pt CROSS JOIN LATERAL (
          (SELECT t.id AS territory_id FROM territories t
            WHERE t.kind = 'district' AND t.is_active AND ST_Intersects(t.geom, pt.g) LIMIT 1)
          UNION ALL
          (SELECT n.id FROM (
              SELECT t.id, ST_Distance(t.geom::geography, pt.g::geography) AS meters
              FROM territories t
              WHERE t.kind = 'district' AND t.is_active AND ST_DWithin(t.geom, pt.g, ${degrees}::float8)
              ORDER BY t.geom <-> pt.g LIMIT 1) n
            WHERE n.meters <= ${args.toleranceMeters}::float8)
          LIMIT 1) d),
      claimed AS (
        INSERT INTO report_imports (source, external_id, report_id, imported_at)
        SELECT ${args.source}::text, i.external_id, i.id, ${args.now.toISOString()}::timestamptz
        FROM input i JOIN dist USING (id)
        ON CONFLICT (source, external_id) DO NOTHING
        RETURNING report_id AS id),
      ins AS (
        INSERT INTO reports (${insert.columns})
        SELECT ${insert.values}
        FROM claimed JOIN input i USING (id) JOIN pt USING (id) JOIN dist USING (id)
        RETURNING id),
      ev AS (
        INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_role, is_public, payload,
                                   created_at)
        SELECT ins.id, 'imported', NULL, i.status, ${args.authorId}::uuid, 'system', TRUE,
               jsonb_build_object('source', ${args.source}::text, 'externalId', i.external_id,
                                  'importedAt', ${args.now.toISOString()}::text),
               i.created_at
        FROM ins JOIN input i USING (id))
    SELECT i.id, ins.id IS NOT NULL AS inserted, dist.id IS NOT NULL AS "inRegion"
    FROM input i LEFT JOIN ins USING (id) LEFT JOIN dist USING (id)`,
  );
  return new Map(result.map(({ id, ...o }) => [id, o]));
}
