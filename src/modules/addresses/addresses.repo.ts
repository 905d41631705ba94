import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { addresses, addressStreets } from '../../db/schema/addresses.ts';
import { inputRefs, insertSelect, tableInputColumns, unnestAs } from '../../db/unnest.ts';

export type AddressInput = {
  source: string;
  externalId: string;
  address: string;
  streetKey: string;
  house: string | null;
  houseNumber: number | null;
  building: string | null;
  lat: number;
  lon: number;
};

/** The registry's own columns, given as they are; the point is built from lat/lon. */
const addressColumns = [
  'source',
  'externalId',
  'address',
  'streetKey',
  'house',
  'houseNumber',
  'building',
] as const satisfies readonly (keyof typeof addresses.$inferInsert)[];

/**
 * Inserts or updates a batch in one statement (unnest): a re-import of the same source updates its
 * rows in place. Returns how many rows were written.
 */
export async function upsertAddresses(exec: Executor, rows: AddressInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [
    ...tableInputColumns(addresses, addressColumns, rows),
    { name: 'lat', type: 'float8', values: rows.map((r) => r.lat) },
    { name: 'lon', type: 'float8', values: rows.map((r) => r.lon) },
  ];
  const insert = insertSelect(addresses, {
    ...inputRefs(addresses, 'i', addressColumns),
    location: sql`ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326)`,
  });
  const written = await queryRows<{ n: number }>(
    exec,
    sql`WITH w AS (
          INSERT INTO ${addresses} (${insert.columns})
          SELECT ${insert.values} FROM ${unnestAs('i', columns)}
          ON CONFLICT (source, external_id) DO UPDATE SET address = EXCLUDED.address,
            street_key = EXCLUDED.street_key, house = EXCLUDED.house, house_number = EXCLUDED.house_number,
            building = EXCLUDED.building, location = EXCLUDED.location
          RETURNING 1)
        SELECT count(*)::int AS n FROM w`,
  );
  const streets = [...new Set(rows.map((r) => r.streetKey))];
  await exec.execute(
    sql`INSERT INTO ${addressStreets} (street_key)
        SELECT k FROM unnest(${sql.param(streets)}::text[]) AS k ON CONFLICT DO NOTHING`,
  );
  return Number(written[0]?.n ?? 0);
}

/** How many streets the search ranks before reading their houses. */
const STREETS_RANKED = 6;

export type AddressHit = { id: string; address: string; lat: number; lon: number; score: number };

/**
 * Addresses whose street matches `street` — by trigram word similarity (typos, a word typed halfway)
 * or by Russian full text (word forms) — ranked by that similarity, an exact house number, and the
 * building; with a house number given, only houses starting with it. The streets are ranked first
 * (`address_streets`), then the houses of the best few are read by index. A street of one or two
 * letters is matched by prefix only (a trigram search would touch half the registry).
 */
export async function searchAddresses(
  exec: Executor,
  q: { street: string; house: string | null; building: string | null; limit: number },
): Promise<AddressHit[]> {
  const short = q.street.length < 3;
  const streetMatch = short
    ? sql`s.street_key LIKE ${`${q.street.replace(/[%_\\]/g, '')}%`}`
    : sql`(${q.street} <% s.street_key
           OR to_tsvector('russian', s.street_key) @@ plainto_tsquery('russian', ${q.street}))`;
  const houseMatch = q.house ? sql`AND a.house LIKE ${`${q.house.replace(/[%_\\]/g, '')}%`}` : sql``;
  const rows = await queryRows<AddressHit>(
    exec,
    sql`WITH streets AS (
          SELECT s.street_key, word_similarity(${q.street}, s.street_key) AS similarity
          FROM ${addressStreets} s
          WHERE ${streetMatch}
          ORDER BY similarity DESC, s.street_key
          LIMIT ${STREETS_RANKED})
        SELECT a.id, a.address, ST_Y(a.location) AS lat, ST_X(a.location) AS lon,
          round((st.similarity
            + CASE WHEN a.house = ${q.house} THEN 0.5 ELSE 0 END
            + CASE WHEN ${q.building}::text IS NOT NULL
                    AND string_to_array(${q.building}::text, ' ') <@ string_to_array(a.building, ' ') THEN 0.2
                   WHEN ${q.building}::text IS NULL AND a.building IS NOT DISTINCT FROM 'ла' THEN 0.05
                   ELSE 0 END)::numeric, 3)::float8 AS score
        FROM streets st
        JOIN ${addresses} a ON a.street_key = st.street_key ${houseMatch}
        ORDER BY score DESC, a.house_number NULLS LAST, a.house, a.building NULLS FIRST, a.id
        LIMIT ${q.limit}`,
  );
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lon: Number(r.lon), score: Number(r.score) }));
}

/** The nearest address to a point within `radiusMeters` (index-ordered, then measured exactly). */
export async function nearestAddress(
  exec: Executor,
  point: { lat: number; lon: number },
  radiusMeters: number,
): Promise<{ address: string; distanceMeters: number } | undefined> {
  const g = sql`ST_SetSRID(ST_MakePoint(${point.lon}::float8, ${point.lat}::float8), 4326)`;
  const rows = await queryRows<{ address: string; distanceMeters: number }>(
    exec,
    sql`SELECT n.address, n.meters AS "distanceMeters" FROM (
          SELECT a.address, ST_Distance(a.location::geography, ${g}::geography) AS meters
          FROM ${addresses} a
          ORDER BY a.location <-> ${g}
          LIMIT 5) n
        WHERE n.meters <= ${radiusMeters}::float8
        ORDER BY n.meters LIMIT 1`,
  );
  const r = rows[0];
  return r
    ? { address: r.address, distanceMeters: Math.round(Number(r.distanceMeters) * 10) / 10 }
    : undefined;
}

export async function countAddresses(exec: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(exec, sql`SELECT count(*)::int AS n FROM ${addresses}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * After a bulk import: the street list made exact (streets of rows written by bulk SQL added, streets
 * no address names any more — a re-import renamed them — dropped), and planner statistics refreshed
 * (a fresh table has none).
 */
export async function finishAddressImport(exec: Executor): Promise<void> {
  await exec.execute(
    sql`INSERT INTO ${addressStreets} (street_key)
        SELECT DISTINCT street_key FROM ${addresses} ON CONFLICT DO NOTHING`,
  );
  await exec.execute(
    sql`DELETE FROM ${addressStreets} s
        WHERE NOT EXISTS (SELECT 1 FROM ${addresses} a WHERE a.street_key = s.street_key)`,
  );
  await exec.execute(sql`ANALYZE ${addresses}`);
  await exec.execute(sql`ANALYZE ${addressStreets}`);
}
