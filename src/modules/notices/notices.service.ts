import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';
import { type BBox, type Geometry, type GeometryIssue, regionProblems } from '../../lib/geojson.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { presentDetail, presentFeature } from './notices.presenter.ts';
import * as repo from './notices.repo.ts';
import {
  type CreateNoticeInput,
  DEFAULT_LINE_BUFFER_METERS,
  DEFAULT_POINT_BUFFER_METERS,
  type NoticeCollection,
  type NoticeDetail,
  type NoticesQuery,
  type UpdateNoticeInput,
} from './notices.schemas.ts';

export type NoticesDeps = { db: Db; clock: Clock };

/** At most this many notices in one map answer (the densest city view has a few hundred). */
const MAP_LIMIT = 2000;
/** Positions this far (degrees) outside the region's districts still count as inside it. */
const REGION_MARGIN = 0.5;

/** Who may publish and edit notices: the region's staff, and an organisation's operators for its own. */
export function canEditNotice(actor: Actor | null, organisationId: string | null): boolean {
  if (!actor) return false;
  if (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'curator') return true;
  return actor.role === 'operator' && organisationId !== null && actor.organisationId === organisationId;
}

const detailOf = (path: string, issue: GeometryIssue): ErrorDetail => ({
  path: [path, ...issue.path].join('.'),
  message: issue.message,
  code: issue.message.replace(/^vmeste:/, '').split(':')[0]!,
});

/**
 * What the schema cannot see, for several geometries at once (a registry's file): positions outside
 * the region (and swapped ones), then PostGIS's validity (a self-intersecting ring, with where) — one
 * look-up of the region and one statement for the lot. Each geometry's problems, in order; nothing
 * is stored.
 */
export async function geometriesProblems(exec: Executor, gs: Geometry[]): Promise<GeometryIssue[][]> {
  const region = await repo.regionBounds(exec);
  const wide: BBox | null = region
    ? {
        west: region.west - REGION_MARGIN,
        south: region.south - REGION_MARGIN,
        east: region.east + REGION_MARGIN,
        north: region.north + REGION_MARGIN,
      }
    : null;
  const problems = gs.map((g) => (wide ? regionProblems(g, wide) : []));
  const inRegion = gs.flatMap((g, i) => (problems[i]!.length === 0 ? [{ g, i }] : []));
  const reasons = await repo.validityOfMany(
    exec,
    inRegion.map(({ g }) => g),
  );
  inRegion.forEach(({ i }, k) => {
    if (reasons[k]) problems[i]!.push({ path: [], message: `vmeste:geometry_invalid:${reasons[k]}` });
  });
  return problems;
}

/** One geometry's problems (geometriesProblems), refused with every one listed under `path`. */
export async function refuseBadGeometry(exec: Executor, g: Geometry, path: string): Promise<void> {
  const [problems] = await geometriesProblems(exec, [g]);
  if (problems!.length > 0)
    throw new AppError(
      'invalid_geometry',
      problems!.map((p) => detailOf(path, p)),
    );
}

async function refuseUnknownReferences(exec: Executor, organisationId: string, categoryIds: string[]) {
  const unknown = await repo.unknownReferences(exec, organisationId, categoryIds);
  const details: ErrorDetail[] = [];
  if (unknown.organisation) details.push({ path: 'organisationId', message: 'notice_unknown_references' });
  categoryIds.forEach((id, i) => {
    if (unknown.categories.includes(id))
      details.push({ path: `categoryIds.${i}`, message: 'notice_unknown_references' });
  });
  if (details.length > 0) throw new AppError('notice_unknown_references', details);
}

function bufferFor(area: Geometry, given: number | undefined): number {
  if (area.type === 'Polygon' || area.type === 'MultiPolygon') return 0;
  if (given !== undefined) return given;
  return area.type === 'Point' || area.type === 'MultiPoint'
    ? DEFAULT_POINT_BUFFER_METERS
    : DEFAULT_LINE_BUFFER_METERS;
}

export async function createNotice(
  deps: NoticesDeps,
  actor: Actor,
  body: CreateNoticeInput,
): Promise<NoticeDetail> {
  if (!canEditNotice(actor, body.organisationId)) throw new AppError('forbidden');
  await refuseBadGeometry(deps.db, body.area, 'area');
  await refuseUnknownReferences(deps.db, body.organisationId, body.categoryIds);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const created = await repo.insertNotice(
      tx,
      {
        ...body,
        bufferMeters: bufferFor(body.area, body.bufferMeters),
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
      },
      actor.id,
      now,
    );
    await repo.scheduleEvents(tx, created, 1, false, now);
    await writeAudit(tx, {
      actor,
      action: 'notice.create',
      entityType: 'notice',
      entityId: created,
      at: now,
    });
    return created;
  });
  return getNotice(deps, actor, id);
}

/**
 * Changes a notice: the new fields, a new version (subscribers where it now applies hear "changed"
 * once it has started), and optionally an update text for the public. The start and end alerts move
 * with the times.
 */
export async function updateNotice(
  deps: NoticesDeps,
  actor: Actor,
  id: string,
  body: UpdateNoticeInput,
): Promise<NoticeDetail> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const found = await repo.findNotice(tx, id, true);
    if (!found) throw new AppError('notice_not_found');
    if (!canEditNotice(actor, found.organisationId)) throw new AppError('forbidden');
    const { updateText, ...fields } = body;
    const next = {
      title: fields.title ?? found.title,
      description: fields.description ?? found.description,
      kind: fields.kind ?? found.kind,
      organisationId: fields.organisationId ?? found.organisationId,
      categoryIds: fields.categoryIds ?? found.categoryIds,
      area: fields.area ?? found.area,
      startsAt: fields.startsAt ? new Date(fields.startsAt) : found.startsAt,
      endsAt: fields.endsAt ? new Date(fields.endsAt) : found.endsAt,
    };
    if (next.endsAt <= next.startsAt)
      throw new AppError('validation_failed', [
        { path: 'endsAt', message: 'vmeste:notice_ends_before_start' },
      ]);
    if (!canEditNotice(actor, next.organisationId)) throw new AppError('forbidden');
    if (fields.area) await refuseBadGeometry(tx, fields.area, 'area');
    if (fields.organisationId || fields.categoryIds)
      await refuseUnknownReferences(tx, next.organisationId, next.categoryIds);
    const version = await repo.updateNotice(
      tx,
      id,
      {
        ...next,
        bufferMeters: bufferFor(next.area, fields.bufferMeters ?? (found.bufferMeters || undefined)),
      },
      now,
    );
    if (updateText) await repo.insertUpdate(tx, id, updateText, actor.id, now);
    await repo.scheduleEvents(tx, id, version, true, now);
    await writeAudit(tx, { actor, action: 'notice.update', entityType: 'notice', entityId: id, at: now });
  });
  return getNotice(deps, actor, id);
}

/** A news line on a running notice ("water back at 18:00"); subscribers hear it as a change. */
export async function addNoticeUpdate(
  deps: NoticesDeps,
  actor: Actor,
  id: string,
  text: string,
): Promise<NoticeDetail> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const found = await repo.findNotice(tx, id, true);
    if (!found) throw new AppError('notice_not_found');
    if (!canEditNotice(actor, found.organisationId)) throw new AppError('forbidden');
    await repo.insertUpdate(tx, id, text, actor.id, now);
    const version = await repo.bumpVersion(tx, id, now);
    await repo.scheduleEvents(tx, id, version, true, now);
  });
  return getNotice(deps, actor, id);
}

export async function getNotice(deps: NoticesDeps, actor: Actor | null, id: string): Promise<NoticeDetail> {
  const row = await repo.findNotice(deps.db, id);
  if (!row) throw new AppError('notice_not_found');
  const canEdit = canEditNotice(actor, row.organisationId);
  const [categories, updates, linked] = await Promise.all([
    repo.categoryNames(deps.db, row.categoryIds),
    repo.listUpdates(deps.db, id),
    canEdit ? repo.linkedReportCounts(deps.db, id) : Promise.resolve(null),
  ]);
  return presentDetail({ row, categories, updates, linked, canEdit, now: deps.clock.now() });
}

/** The map's and the list's query: notices in force at `at` (or during [at, to]) within the box. */
export async function listNotices(deps: NoticesDeps, q: NoticesQuery): Promise<NoticeCollection> {
  const now = deps.clock.now();
  const from = q.at ? new Date(q.at) : now;
  const to = q.to ? new Date(q.to) : from;
  if (to < from)
    throw new AppError('validation_failed', [{ path: 'to', message: 'vmeste:notice_ends_before_start' }]);
  const rows = await repo.listNotices(
    deps.db,
    { bbox: q.bbox, from, to, kind: q.kind, categoryId: q.categoryId },
    MAP_LIMIT,
  );
  return { type: 'FeatureCollection', features: rows.map((r) => presentFeature(r, now)) };
}
