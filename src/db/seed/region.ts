import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { CATEGORY_TREE } from '../../demo/categories.ts';
import type { Clock } from '../../lib/clock.ts';
import { type Geometry, geometryIssues } from '../../lib/geojson.ts';
import {
  hashPassword,
  insertUser,
  issuePasswordSetLink,
  normaliseEmail,
} from '../../modules/identity/index.ts';
import * as ref from '../../modules/reference/index.ts';
import { type Db, queryRows } from '../connection.ts';

/**
 * A real region's first load (`vmeste region-init`, docs/scale-out.md "Adding a region"): its
 * territories from a GeoJSON file, the standard category catalogue (topics and subjects with SLA in
 * working days, edited afterwards in the admin screens), and the first administrator, who chooses a
 * password through a link. Organisations, routing rules and staff are then the administrator's work
 * in the admin screens; until a rule exists, new reports go to the curator's queue.
 */

export type RegionTerritory = {
  code: string;
  kind: 'region' | 'district';
  nameRu: string;
  nameEn: string;
  geometry: Geometry;
};

export type RegionInput = {
  territories: unknown;
  admin: { email: string; name: string };
  /** Where the app is reached: the set-password link is built on it. */
  origin: string;
};

export type RegionLoaded = {
  territories: number;
  categories: number;
  adminEmail: string;
  /** Valid for SETUP_LINK_TTL_MS; afterwards "forgot password" on the sign-in page gives another. */
  setupLink: string;
};

export const SETUP_LINK_TTL_MS = 72 * 60 * 60 * 1000;
/** A district may stick out of the region by this share of its area (boundaries drawn separately). */
const OUTSIDE_TOLERANCE = 0.01;

export class RegionFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`The region cannot be loaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every structural problem of the territories file and the admin, each with where it is. */
export function regionInputProblems(input: RegionInput): {
  problems: string[];
  territories: RegionTerritory[];
} {
  const problems: string[] = [];
  const territories: RegionTerritory[] = [];
  if (!EMAIL.test(input.admin.email))
    problems.push(`admin e-mail: "${input.admin.email}" is not an e-mail address`);
  if (!input.admin.name.trim()) problems.push('admin name: empty');
  const fc = input.territories as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    problems.push('territories: a GeoJSON FeatureCollection is expected');
    return { problems, territories };
  }
  if (fc.features.length === 0) problems.push('territories: the collection has no features');
  const seen = new Set<string>();
  fc.features.forEach((f: unknown, i: number) => {
    const at = `features[${i}]`;
    const feature = f as {
      properties?: Record<string, unknown>;
      geometry?: { type?: unknown; coordinates?: unknown };
    };
    const p = feature?.properties ?? {};
    const code = typeof p.code === 'string' ? p.code : '';
    const before = problems.length;
    if (!CODE.test(code)) problems.push(`${at}.properties.code: lower-case letters, digits and "-" expected`);
    else if (seen.has(code)) problems.push(`${at}.properties.code: "${code}" appears twice`);
    seen.add(code);
    if (p.kind !== 'region' && p.kind !== 'district')
      problems.push(`${at}.properties.kind: "region" or "district" expected`);
    for (const name of ['nameRu', 'nameEn'] as const)
      if (typeof p[name] !== 'string' || !(p[name] as string).trim() || (p[name] as string).length > 200)
        problems.push(`${at}.properties.${name}: a name of 1 to 200 characters expected`);
    const g = feature?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      problems.push(`${at}.geometry: a Polygon or MultiPolygon expected`);
    else
      for (const issue of geometryIssues({ type: g.type, coordinates: g.coordinates }))
        problems.push(`${at}.geometry.${issue.path.join('.')}: ${issue.message.replace(/^vmeste:/, '')}`);
    if (problems.length === before)
      territories.push({
        code,
        kind: p.kind as RegionTerritory['kind'],
        nameRu: (p.nameRu as string).trim(),
        nameEn: (p.nameEn as string).trim(),
        geometry: { type: g!.type, coordinates: g!.coordinates } as Geometry,
      });
  });
  const regions = fc.features.filter(
    (f: { properties?: { kind?: unknown } }) => f?.properties?.kind === 'region',
  );
  if (regions.length !== 1)
    problems.push(`territories: exactly one feature of kind "region" expected, found ${regions.length}`);
  return { problems, territories };
}

/** What only PostGIS can say: self-intersections (with where), districts outside the region. */
async function geometryProblems(db: Db, territories: RegionTerritory[]): Promise<string[]> {
  const region = territories.find((t) => t.kind === 'region');
  const problems: string[] = [];
  for (const t of territories) {
    const [row] = await queryRows<{ reason: string; outside: number | null }>(
      db,
      sql`WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(t.geometry)}), 4326) AS geom),
               r AS (SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(region?.geometry ?? t.geometry)}), 4326)) AS geom)
          SELECT ST_IsValidReason(g.geom) AS reason,
                 CASE WHEN ST_IsValid(g.geom) AND ST_Area(g.geom) > 0
                      THEN ST_Area(ST_Difference(g.geom, r.geom)) / ST_Area(g.geom) END::float8 AS outside
          FROM g, r`,
    );
    if (row && row.reason !== 'Valid Geometry') problems.push(`territory "${t.code}": ${row.reason}`);
    else if (t.kind === 'district' && row?.outside != null && row.outside > OUTSIDE_TOLERANCE)
      problems.push(
        `territory "${t.code}": ${(row.outside * 100).toFixed(1)} % of it lies outside the region (at most ${OUTSIDE_TOLERANCE * 100} %)`,
      );
  }
  return problems;
}

/**
 * Loads a region into an empty schema in one transaction, after every check: nothing is stored
 * unless all of it is right. Refuses a schema that already holds a region.
 */
export async function initRegion(db: Db, clock: Clock, input: RegionInput): Promise<RegionLoaded> {
  const { problems, territories } = regionInputProblems(input);
  if (problems.length === 0) problems.push(...(await geometryProblems(db, territories)));
  if (problems.length === 0 && (await ref.countTerritories(db)) > 0)
    problems.push(
      'the database (this DB_SCHEMA) already holds a region: region-init loads into an empty one',
    );
  if (problems.length > 0) throw new RegionFileError(problems);
  // An unusable password until the administrator chooses one through the link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const loaded = await db.transaction(async (tx) => {
    const region = territories.find((t) => t.kind === 'region')!;
    const regionId = await ref.insertTerritory(tx, {
      parentId: null,
      kind: 'region',
      code: region.code,
      nameRu: region.nameRu,
      nameEn: region.nameEn,
      geojson: JSON.stringify(region.geometry),
    });
    for (const d of territories.filter((t) => t.kind === 'district'))
      await ref.insertTerritory(tx, {
        parentId: regionId,
        kind: 'district',
        code: d.code,
        nameRu: d.nameRu,
        nameEn: d.nameEn,
        geojson: JSON.stringify(d.geometry),
      });
    let order = 0;
    let categories = 0;
    for (const topic of CATEGORY_TREE) {
      const topicId = await ref.insertCategory(tx, {
        code: topic.code,
        nameRu: topic.nameRu,
        nameEn: topic.nameEn,
        sortOrder: order++,
      });
      categories++;
      for (const s of topic.children) {
        await ref.insertCategory(tx, {
          parentId: topicId,
          code: s.code,
          nameRu: s.nameRu,
          nameEn: s.nameEn,
          slaDays: s.slaDays,
          moderationHours: s.slaDays <= 2 ? 4 : 8,
          sortOrder: order++,
        });
        categories++;
      }
    }
    const email = normaliseEmail(input.admin.email);
    const admin = await insertUser(tx, { email, passwordHash, name: input.admin.name.trim(), role: 'admin' });
    if (!admin) throw new RegionFileError([`admin e-mail: an account with ${email} exists already`]);
    const setupLink = await issuePasswordSetLink(tx, { clock }, admin.id, input.origin, SETUP_LINK_TTL_MS);
    return { territories: territories.length, categories, adminEmail: email, setupLink };
  });
  await ref.analyzeReferenceTables(db);
  return loaded;
}
