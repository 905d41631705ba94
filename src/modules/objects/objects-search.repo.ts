import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { CityObjectKind } from './kinds.schemas.ts';
import { overdueSql } from './objects.repo.ts';

/** The public catalogue of city objects (`GET /api/v1/objects/search`, docs/objects.md). */

export type ObjectSearchFilter = {
  /** Lower-case words with ё read as е, each to be found in the name or the address. */
  words: string[];
  /** The query as typed (lower-case, ё as е), for ranking by closeness. */
  text: string | null;
  kind?: CityObjectKind | undefined;
  works?: 'active' | 'overdue' | 'completed' | undefined;
  /** Only the objects this person follows. */
  followedBy?: string | undefined;
  /** The reader, for the `following` flag of each object. */
  readerId: string | null;
  today: string;
  limit: number;
  offset: number;
};

export type ObjectSearchRow = {
  id: string;
  name: string;
  kind: CityObjectKind;
  address: string | null;
  planned: number;
  inProgress: number;
  completed: number;
  overdue: number;
  following: boolean;
};

/**
 * The name and address as the catalogue searches them: lower case, ё as е (residents type е). The
 * trigram index `city_objects_search_trgm_idx` is on exactly this expression.
 */
const searchable = sql`translate(lower(c.name || ' ' || coalesce(c.address, '')), 'ё', 'е')`;

function searchWhere(f: ObjectSearchFilter): SQL {
  const where: SQL[] = [sql`TRUE`];
  for (const word of f.words) where.push(sql`${searchable} LIKE ${`%${word}%`}`);
  if (f.kind) where.push(sql`c.kind = ${f.kind}`);
  const worksTest = {
    active: sql`status IN ('planned', 'in_progress')`,
    completed: sql`status = 'completed'`,
    overdue: overdueSql(f.today),
  };
  if (f.works)
    where.push(sql`EXISTS (SELECT 1 FROM object_works WHERE object_id = c.id AND ${worksTest[f.works]})`);
  if (f.followedBy)
    where.push(
      sql`EXISTS (SELECT 1 FROM object_follows WHERE object_id = c.id AND user_id = ${f.followedBy})`,
    );
  return sql.join(where, sql` AND `);
}

/**
 * The catalogue: objects by words of their name or address, kind, state of their works and follows;
 * the closest to the query first (pg_trgm), else by name with numbers in their order (`name_order`:
 * «№ 5» before «№ 15»; its index serves the catalogue without a filter). Each with the count of its
 * works by state.
 */
export async function searchObjects(
  exec: Executor,
  f: ObjectSearchFilter,
): Promise<{ rows: ObjectSearchRow[]; total: number }> {
  const where = searchWhere(f);
  const closeness = f.text ? sql`word_similarity(${f.text}, ${searchable})` : sql`0::float8`;
  const [rows, counted] = await Promise.all([
    queryRows<ObjectSearchRow>(
      exec,
      // The page is chosen first, so the works are counted for its rows only, not for every match.
      sql`SELECT c.id, c.name, c.kind, c.address,
            coalesce(w.planned, 0)::int AS planned, coalesce(w.in_progress, 0)::int AS "inProgress",
            coalesce(w.completed, 0)::int AS completed, coalesce(w.overdue, 0)::int AS overdue,
            EXISTS (SELECT 1 FROM object_follows WHERE object_id = c.id AND user_id = ${f.readerId}::uuid) AS following
          FROM (SELECT c.id, c.name, c.kind, c.address, c.name_order, ${closeness} AS closeness FROM city_objects c
                WHERE ${where} ORDER BY closeness DESC, c.name_order, c.id LIMIT ${f.limit} OFFSET ${f.offset}) c
          LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE status = 'planned') AS planned,
                   count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
                   count(*) FILTER (WHERE status = 'completed') AS completed,
                   count(*) FILTER (WHERE ${overdueSql(f.today)}) AS overdue
            FROM object_works WHERE object_id = c.id) w ON TRUE
          ORDER BY c.closeness DESC, c.name_order, c.id`,
    ),
    queryRows<{ n: number }>(exec, sql`SELECT count(*)::int AS n FROM city_objects c WHERE ${where}`),
  ]);
  return { rows, total: Number(counted[0]?.n ?? 0) };
}
