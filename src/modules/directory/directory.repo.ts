import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { DirectoryKind, StoredHours, StoredService } from '../../db/schema/directory.ts';

export type OrganisationProfileRow = {
  id: string;
  code: string;
  kind: DirectoryKind;
  nameRu: string;
  nameEn: string;
  phone: string | null;
  email: string | null;
  workingHours: string | null;
  descriptionRu: string | null;
  descriptionEn: string | null;
  website: string | null;
  officeAddress: string | null;
  servedAddresses: string[];
  services: StoredService[];
  hours: StoredHours;
  daysOff: string[];
  observesHolidays: boolean;
  score: number;
};

// An organisation without a profile row is listed with the reference data alone.
const columns = sql`o.id, o.code, coalesce(p.kind, o.kind) AS kind, o.name_ru AS "nameRu", o.name_en AS "nameEn",
  o.phone, o.email, o.working_hours AS "workingHours", p.description_ru AS "descriptionRu",
  p.description_en AS "descriptionEn", p.website, p.office_address AS "officeAddress",
  coalesce(p.served_addresses, '{}') AS "servedAddresses", coalesce(p.services, '[]'::jsonb) AS services,
  coalesce(p.hours, '[]'::jsonb) AS hours, coalesce(p.days_off::text[], '{}') AS "daysOff",
  coalesce(p.observes_holidays, true) AS "observesHolidays"`;

export async function findOrganisationProfile(
  exec: Executor,
  id: string,
): Promise<OrganisationProfileRow | undefined> {
  const rows = await queryRows<OrganisationProfileRow>(
    exec,
    sql`SELECT ${columns}, 0::float8 AS score FROM organisations o
        LEFT JOIN organisation_profiles p ON p.organisation_id = o.id
        WHERE o.id = ${id} AND o.is_active`,
  );
  return rows[0];
}

export type Ref = { id: string; nameRu: string; nameEn: string };

export async function organisationRefs(
  exec: Executor,
  id: string,
): Promise<{ territories: Ref[]; categories: Ref[] }> {
  const [territories, categories] = await Promise.all([
    queryRows<Ref>(
      exec,
      sql`SELECT t.id, t.name_ru AS "nameRu", t.name_en AS "nameEn" FROM organisation_territories ot
          JOIN territories t ON t.id = ot.territory_id WHERE ot.organisation_id = ${id} ORDER BY t.name_ru`,
    ),
    // What it handles: its own categories and those the routing rules send it.
    queryRows<Ref>(
      exec,
      sql`SELECT DISTINCT c.id, c.name_ru AS "nameRu", c.name_en AS "nameEn" FROM categories c
          WHERE c.is_active AND (
            EXISTS (SELECT 1 FROM organisation_categories oc WHERE oc.category_id = c.id AND oc.organisation_id = ${id})
            OR EXISTS (SELECT 1 FROM routing_rules r WHERE r.category_id = c.id AND r.organisation_id = ${id}))
          ORDER BY c.name_ru`,
    ),
  ]);
  return { territories, categories };
}

export type DirectoryFilter = {
  words: string[];
  text: string | null;
  kind?: DirectoryKind | undefined;
  category?: string | undefined;
  limit: number;
};

/** How close a name must be to the query to count as a misspelling of it (pg_trgm word similarity). */
const NAME_SIMILARITY = 0.45;

/**
 * Organisations by full text (Russian and English stems over names, description, services, served
 * addresses: any word) and by trigram closeness of the query to a name (typos), best first.
 */
export async function searchOrganisations(
  exec: Executor,
  f: DirectoryFilter,
): Promise<OrganisationProfileRow[]> {
  const where: SQL[] = [sql`o.is_active`];
  if (f.kind) where.push(sql`coalesce(p.kind, o.kind) = ${f.kind}`);
  if (f.category)
    where.push(sql`(EXISTS (SELECT 1 FROM organisation_categories oc WHERE oc.organisation_id = o.id AND oc.category_id = ${f.category})
      OR EXISTS (SELECT 1 FROM routing_rules r WHERE r.organisation_id = o.id AND r.category_id = ${f.category}))`);
  const doc = sql`(to_tsvector('russian', o.name_ru || ' ' || coalesce(p.description_ru, '') || ' ' ||
      coalesce((SELECT string_agg(s->>'ru', ' ') FROM jsonb_array_elements(p.services) s), '') || ' ' ||
      coalesce(array_to_string(p.served_addresses, ' '), '') || ' ' || coalesce(p.office_address, ''))
    || to_tsvector('english', o.name_en || ' ' || coalesce(p.description_en, '') || ' ' ||
      coalesce((SELECT string_agg(s->>'en', ' ') FROM jsonb_array_elements(p.services) s), '')))`;
  const names = sql`lower(o.name_ru || ' ' || o.name_en || ' ' || o.code)`;
  let score = sql`0::float8`;
  if (f.text && f.words.length > 0) {
    const orText = f.words.join(' | ');
    const query = sql`(to_tsquery('russian', ${orText}) || to_tsquery('english', ${orText}))`;
    score = sql`(ts_rank(${doc}, ${query}) + word_similarity(${f.text}, ${names}))::float8`;
    where.push(sql`(${doc} @@ ${query} OR word_similarity(${f.text}, ${names}) >= ${NAME_SIMILARITY})`);
  }
  return queryRows<OrganisationProfileRow>(
    exec,
    sql`SELECT * FROM (
          SELECT ${columns}, ${score} AS score FROM organisations o
          LEFT JOIN organisation_profiles p ON p.organisation_id = o.id
          WHERE ${sql.join(where, sql` AND `)}) found
        ORDER BY score DESC, "nameRu" LIMIT ${f.limit}`,
  );
}

export async function organisationExists(exec: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(exec, sql`SELECT id FROM organisations WHERE id = ${id}`);
  return rows.length === 1;
}

export async function upsertProfile(
  exec: Executor,
  id: string,
  p: {
    kind: DirectoryKind | null;
    descriptionRu: string | null;
    descriptionEn: string | null;
    website: string | null;
    officeAddress: string | null;
    servedAddresses: string[];
    services: StoredService[];
    hours: StoredHours;
    daysOff: string[];
    observesHolidays: boolean;
  },
  now: Date,
): Promise<void> {
  await exec.execute(sql`INSERT INTO organisation_profiles (organisation_id, kind, description_ru, description_en,
      website, office_address, served_addresses, services, hours, days_off, observes_holidays, updated_at)
    VALUES (${id}, ${p.kind}, ${p.descriptionRu}, ${p.descriptionEn}, ${p.website}, ${p.officeAddress},
      ${sql.param(p.servedAddresses)}::text[], ${JSON.stringify(p.services)}::jsonb, ${JSON.stringify(p.hours)}::jsonb,
      ${sql.param(p.daysOff)}::date[], ${p.observesHolidays}, ${now})
    ON CONFLICT (organisation_id) DO UPDATE SET kind = EXCLUDED.kind, description_ru = EXCLUDED.description_ru,
      description_en = EXCLUDED.description_en, website = EXCLUDED.website, office_address = EXCLUDED.office_address,
      served_addresses = EXCLUDED.served_addresses, services = EXCLUDED.services, hours = EXCLUDED.hours,
      days_off = EXCLUDED.days_off, observes_holidays = EXCLUDED.observes_holidays, updated_at = EXCLUDED.updated_at`);
}

/** The directory's kind and hours of an organisation (null kind: the reference kind). */
export async function findKindAndHours(
  exec: Executor,
  id: string,
): Promise<{ kind: DirectoryKind | null; hours: StoredHours } | undefined> {
  const rows = await queryRows<{ kind: DirectoryKind | null; hours: StoredHours }>(
    exec,
    sql`SELECT kind, hours FROM organisation_profiles WHERE organisation_id = ${id}`,
  );
  return rows[0];
}

/** Sets the kind and hours of an organisation's entry, keeping the rest of it (or starting one). */
export async function upsertKindAndHours(
  exec: Executor,
  id: string,
  p: { kind: DirectoryKind; hours: StoredHours },
  now: Date,
): Promise<void> {
  await exec.execute(sql`INSERT INTO organisation_profiles (organisation_id, kind, hours, updated_at)
    VALUES (${id}, ${p.kind}, ${JSON.stringify(p.hours)}::jsonb, ${now})
    ON CONFLICT (organisation_id) DO UPDATE SET kind = EXCLUDED.kind, hours = EXCLUDED.hours,
      updated_at = EXCLUDED.updated_at`);
}

/**
 * The public figures of an organisation over [since, now): reports routed to it; of those whose
 * answer was due in the period, the share answered by the due date; the mean rating of its answers;
 * the share of its answered reports the author disputed.
 */
export async function organisationFigures(exec: Executor, id: string, since: Date, now: Date) {
  const rows = await queryRows<{
    received: number;
    due: number;
    onTime: number;
    answered: number;
    disputed: number;
    meanRating: number | null;
  }>(
    exec,
    sql`SELECT count(*)::int AS received,
          count(*) FILTER (WHERE r.due_at < ${now} OR r.answered_at IS NOT NULL)::int AS due,
          count(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.answered_at <= r.due_at)::int AS "onTime",
          count(*) FILTER (WHERE r.answered_at IS NOT NULL)::int AS answered,
          count(*) FILTER (WHERE r.answered_at IS NOT NULL AND EXISTS (
            SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'disputed'))::int AS disputed,
          (SELECT avg(g.score)::float8 FROM ratings g JOIN reports rr ON rr.id = g.report_id
            WHERE rr.organisation_id = ${id} AND g.created_at >= ${since}) AS "meanRating"
        FROM reports r
        WHERE r.organisation_id = ${id} AND r.created_at >= ${since}
          AND r.status NOT IN ('merged', 'rejected')`,
  );
  return rows[0]!;
}

/** The district holding a point (null outside every district), and whether the region holds it. */
export async function territoryAt(
  exec: Executor,
  lat: number,
  lon: number,
): Promise<{ districtId: string | null; inRegion: boolean }> {
  const rows = await queryRows<{ districtId: string | null; inRegion: boolean }>(
    exec,
    sql`WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326) AS g)
        SELECT (SELECT t.id FROM territories t, pt WHERE t.kind = 'district' AND t.is_active AND ST_Intersects(t.geom, pt.g) LIMIT 1) AS "districtId",
          EXISTS (SELECT 1 FROM territories t, pt WHERE t.kind IN ('region', 'district') AND ST_Intersects(t.geom, pt.g)) AS "inRegion"`,
  );
  return rows[0]!;
}
