import { z } from 'zod';
import { AppError, type ErrorDetail, type Locale } from '../../lib/errors.ts';
import { type Geometry, geometryIssues } from '../../lib/geojson.ts';
import { detailText } from '../../lib/messages/index.ts';
import { describeIssues } from '../../lib/validation.ts';
import type { Actor } from '../identity/index.ts';
import { geometriesProblems } from '../notices/index.ts';
import { type CityObjectKind, cityObjectKinds } from './kinds.schemas.ts';
import * as repo from './objects.repo.ts';
import type { ObjectsImportResult } from './objects.schemas.ts';
import type { ObjectsDeps } from './objects.service.ts';
import {
  boundsProblems,
  cellText,
  column,
  csvOptions,
  emptyImportResult,
  IMPORT_CHUNK,
  type Problem,
  recordFailure,
  refuseMissingColumns,
  type SourceRecord,
  sourceName,
  sourceRecords,
} from './registry-file.ts';
import { importWorks } from './works-import.service.ts';

/**
 * The mapping file of an object registry (docs/objects.md), in the import's conventions: the source's
 * name (with each record's id, the idempotency key), its format, which column or property feeds which
 * field, and how the source's kinds and organisations translate to the platform's codes.
 */
export const objectsMappingSchema = z
  .object({
    source: sourceName,
    /** What the file holds: objects (the default), or works on them (works-import.service.ts). */
    records: z.literal('objects').optional(),
    format: z.enum(['geojson', 'csv']),
    csv: csvOptions,
    columns: z
      .object({
        externalId: column,
        name: column,
        kind: column,
        address: column.optional(),
        organisation: column.optional(),
        /** CSV only: a column holding a GeoJSON geometry, or else `lat` and `lon` columns for a point. */
        geometry: column.optional(),
        lat: column.optional(),
        lon: column.optional(),
      })
      .strict(),
    kinds: z.record(z.string(), z.enum(cityObjectKinds)).default({}),
    organisations: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type ObjectsMapping = z.output<typeof objectsMappingSchema>;

/** The bounds of an object entered by hand (objectBodySchema), for a registry's values; a missing one is reported apart. */
const objectBounds = z.object({
  externalId: z.string().max(200).nullable(),
  name: z.string().min(2).max(300).nullable(),
  address: z.string().max(300).nullable(),
});

/** The mapping, checked whole: every problem listed (its organisation codes against the database too). */
async function readMapping(deps: ObjectsDeps, raw: unknown, locale: Locale): Promise<ObjectsMapping> {
  const parsed = objectsMappingSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('objects_mapping_invalid', describeIssues(parsed.error.issues, locale));
  const m = parsed.data;
  const details: ErrorDetail[] = [];
  if (m.format === 'csv' && !m.columns.geometry && !(m.columns.lat && m.columns.lon))
    details.push({
      path: 'columns.geometry',
      message: detailText('vmeste:object_geometry_unreadable', locale),
    });
  const codes = await repo.organisationIdsByCode(deps.db);
  for (const [name, code] of Object.entries(m.organisations))
    if (!codes.has(code))
      details.push({
        path: `organisations.${name}`,
        message: detailText(`vmeste:object_organisation_unknown:${code}`, locale),
      });
  if (details.length > 0) throw new AppError('objects_mapping_invalid', details);
  return m;
}

/** A CSV record's geometry: a GeoJSON column, or a point from latitude and longitude. */
function csvGeometry(m: ObjectsMapping, fields: Record<string, unknown>): unknown {
  if (m.columns.geometry) {
    const raw = cellText(fields[m.columns.geometry]);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const lat = Number(cellText(fields[m.columns.lat!]));
  const lon = Number(cellText(fields[m.columns.lon!]));
  return Number.isFinite(lat) && Number.isFinite(lon) && cellText(fields[m.columns.lat!]) !== null
    ? { type: 'Point', coordinates: [lon, lat] }
    : null;
}

/**
 * A record read from the file: the problems it shows alone (its id, name, kind, organisation and
 * geometry's structure), its geometry when that is well-formed — still to be checked against the
 * region and by PostGIS, with its chunk — and the object to write if nothing is wrong.
 */
type ReadRecord = { line: number; problems: Problem[]; geometry: Geometry | null; object?: repo.ObjectWrite };

/** One record of the file as an object (ReadRecord). */
function readObject(
  m: ObjectsMapping,
  rec: SourceRecord,
  orgCodes: Map<string, string>,
  locale: Locale,
): ReadRecord {
  const problems: Problem[] = [];
  const field = (key: keyof ObjectsMapping['columns']) => {
    const name = m.columns[key];
    return name ? cellText(rec.fields[name]) : null;
  };
  const externalId = field('externalId');
  const name = field('name');
  const kindRaw = field('kind');
  if (!externalId) problems.push({ path: m.columns.externalId, message: 'vmeste:object_field_missing' });
  if (!name) problems.push({ path: m.columns.name, message: 'vmeste:object_field_missing' });
  problems.push(
    ...boundsProblems(objectBounds, { externalId, name, address: field('address') }, m.columns, locale),
  );
  const mapped = kindRaw ? (m.kinds[kindRaw] ?? kindRaw) : null;
  const kind =
    mapped && (cityObjectKinds as readonly string[]).includes(mapped) ? (mapped as CityObjectKind) : null;
  if (!kind) problems.push({ path: m.columns.kind, message: `vmeste:object_kind_unknown:${kindRaw ?? ''}` });
  const orgRaw = field('organisation');
  const orgId = orgRaw ? (orgCodes.get(m.organisations[orgRaw] ?? orgRaw) ?? null) : null;
  if (orgRaw && !orgId)
    problems.push({ path: m.columns.organisation!, message: `vmeste:object_organisation_unknown:${orgRaw}` });
  const rawGeometry = m.format === 'geojson' ? rec.geometry : csvGeometry(m, rec.fields);
  let geometry: Geometry | null = null;
  if (
    !rawGeometry ||
    typeof rawGeometry !== 'object' ||
    typeof (rawGeometry as { type?: unknown }).type !== 'string'
  )
    problems.push({ path: 'geometry', message: 'vmeste:object_geometry_unreadable' });
  else {
    const g = rawGeometry as { type: string; coordinates?: unknown };
    const issues = geometryIssues(g);
    problems.push(...issues.map((i) => ({ path: ['geometry', ...i.path].join('.'), message: i.message })));
    if (issues.length === 0) geometry = { type: g.type, coordinates: g.coordinates } as Geometry;
  }
  const read = { line: rec.line, problems, geometry };
  if (problems.length > 0 || !externalId || !name || !kind || !geometry) return read;
  return {
    ...read,
    object: {
      externalId: `${m.source}:${externalId}`,
      kind,
      name,
      geometry,
      address: field('address'),
      organisationId: orgId,
    },
  };
}

/**
 * Imports an object registry (GeoJSON FeatureCollection or CSV). Each record is checked on its own —
 * its id, name, kind, organisation and geometry (structure, region, PostGIS validity) — and stored or
 * updated by its source id, so importing the same file twice changes nothing; a bad record is
 * reported with its line (CSV) or feature number (GeoJSON) and every problem, and the others go in.
 * Records go to the database IMPORT_CHUNK at a time (a chunk is one statement: all of it or, on an
 * error of the database, none of it and the import stops, the chunks before it kept).
 */
export async function importObjects(
  deps: ObjectsDeps,
  actor: Actor | null,
  input: { mapping: unknown; content: string },
  locale: Locale,
): Promise<ObjectsImportResult> {
  if (actor && actor.role !== 'admin') throw new AppError('forbidden');
  const records = (input.mapping as { records?: unknown } | null)?.records;
  if (records === 'works') return importWorks(deps, actor, input.mapping, input.content, locale);
  const m = await readMapping(deps, input.mapping, locale);
  const orgCodes = await repo.organisationIdsByCode(deps.db);
  const result = emptyImportResult();
  const now = deps.clock.now();
  refuseMissingColumns(m, input.content, locale);
  let chunk: ReadRecord[] = [];
  const keys = new Set<string>();
  const write = async () => {
    const checked = chunk.filter((r) => r.geometry);
    const geometryProblems = await geometriesProblems(
      deps.db,
      checked.map((r) => r.geometry!),
    );
    checked.forEach((r, i) => {
      for (const p of geometryProblems[i]!)
        r.problems.push({ path: ['geometry', ...p.path].join('.'), message: p.message });
    });
    const valid: repo.ObjectWrite[] = [];
    for (const r of chunk)
      if (r.object && r.problems.length === 0) valid.push(r.object);
      else recordFailure(result, r.line, r.problems, locale);
    const saved = await repo.upsertObjects(deps.db, valid, now);
    for (const o of valid) {
      const row = saved.get(o.externalId);
      result[row ? (row.created ? 'created' : 'updated') : 'unchanged']++;
    }
    chunk = [];
    keys.clear();
  };
  for (const rec of sourceRecords(m, input.content)) {
    result.read++;
    const read = readObject(m, rec, orgCodes, locale);
    // A key met twice goes in a chunk of its own: the later record updates the earlier, as one at a time.
    if (chunk.length === IMPORT_CHUNK || (read.object && keys.has(read.object.externalId))) await write();
    chunk.push(read);
    if (read.object) keys.add(read.object.externalId);
  }
  if (chunk.length > 0) await write();
  return result;
}
