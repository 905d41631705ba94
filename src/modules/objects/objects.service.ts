import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Geometry } from '../../lib/geojson.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { mediaUrls } from '../media/index.ts';
import { refuseBadGeometry } from '../notices/index.ts';
import type { TopicNotifier } from '../notifications/index.ts';
import { visibilitySql } from '../reports/index.ts';
import * as repo from './objects.repo.ts';
import type {
  ObjectBody,
  ObjectCollection,
  ObjectDetail,
  ObjectSearchQuery,
  ObjectSearchResult,
  WorkBody,
} from './objects.schemas.ts';
import * as searchRepo from './objects-search.repo.ts';
import { tellFollowers } from './work-news.ts';

export type ObjectsDeps = {
  db: Db;
  clock: Clock;
  /** Followers hear of works added, started, completed or cancelled (work-news.ts). */
  notifier: TopicNotifier;
};

const MAP_LIMIT = 3000;
const NEARBY_LIMIT = 50;

/** Moscow's calendar date: works are planned in whole days of the city's time. */
export function cityToday(now: Date): string {
  return new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
}

/** Who keeps the registry: the region's staff; an organisation's operators for the objects it is responsible for. */
export function canEditObject(actor: Actor | null, organisationId: string | null): boolean {
  if (!actor) return false;
  if (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'curator') return true;
  return actor.role === 'operator' && organisationId !== null && actor.organisationId === organisationId;
}

export async function listObjects(
  deps: ObjectsDeps,
  q: {
    bbox: { west: number; south: number; east: number; north: number };
    kind?: ObjectBody['kind'] | undefined;
  },
): Promise<ObjectCollection> {
  const rows = await repo.listObjectsInBox(deps.db, q.bbox, q.kind, cityToday(deps.clock.now()), MAP_LIMIT);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: JSON.parse(r.geometryJson) as Geometry,
      properties: {
        name: r.name,
        kind: r.kind,
        address: r.address,
        activeWorks: r.activeWorks,
        overdueWorks: r.overdueWorks,
      },
    })),
  };
}

/**
 * The public catalogue of objects (`/objects`): anyone may search it; "only those I follow" needs a
 * signed-in reader.
 */
export async function searchObjects(
  deps: ObjectsDeps,
  actor: Actor | null,
  q: ObjectSearchQuery,
): Promise<ObjectSearchResult> {
  if (q.following && !actor) throw new AppError('unauthenticated');
  const text = q.q ? searchForm(q.q) : '';
  const words = [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 10);
  const { rows, total } = await searchRepo.searchObjects(deps.db, {
    words,
    text: words.length > 0 ? text : null,
    kind: q.kind,
    works: q.works,
    followedBy: q.following ? actor?.id : undefined,
    readerId: actor?.id ?? null,
    today: cityToday(deps.clock.now()),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: rows.map(({ planned, inProgress, completed, overdue, ...o }) => ({
      ...o,
      works: { planned, inProgress, completed, overdue },
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** How the catalogue compares text: lower case, ё as е (as `searchable` in the repository). */
const searchForm = (text: string) => text.toLowerCase().replaceAll('ё', 'е');

/** The object's page: its works (with photos, ratings and the overdue flag), reports on or near it, follows. */
export async function getObject(deps: ObjectsDeps, actor: Actor | null, id: string): Promise<ObjectDetail> {
  const row = await repo.findObject(deps.db, id);
  if (!row) throw new AppError('object_not_found');
  const today = cityToday(deps.clock.now());
  // The public's view of reports, plus the reader's own.
  const visible = visibilitySql({
    kind: 'scoped',
    userId: actor?.id ?? null,
    organisationId: null,
    territoryId: null,
  });
  const [works, reports, follow] = await Promise.all([
    repo.listWorks(deps.db, id, actor?.id ?? null, today),
    repo.nearbyReports(deps.db, id, visible, NEARBY_LIMIT),
    repo.followState(deps.db, id, actor?.id ?? null),
  ]);
  const photos = await repo.listWorkPhotos(
    deps.db,
    works.map((w) => w.id),
  );
  return {
    id: row.id,
    externalId: row.externalId,
    kind: row.kind,
    name: row.name,
    address: row.address,
    organisation:
      row.organisationId && row.organisationNameRu
        ? {
            id: row.organisationId,
            name: { ru: row.organisationNameRu, en: row.organisationNameEn ?? row.organisationNameRu },
          }
        : null,
    geometry: JSON.parse(row.geometryJson) as Geometry,
    works: works.map((w) => ({
      id: w.id,
      title: w.title,
      programme: w.programme,
      contractor: w.contractor,
      budget: w.budget,
      plannedStart: w.plannedStart,
      plannedEnd: w.plannedEnd,
      actualStart: w.actualStart,
      actualEnd: w.actualEnd,
      status: w.status,
      overdue: w.overdue,
      photos: photos
        .filter((p) => p.workId === w.id)
        .map((p) => {
          const urls = mediaUrls(p.mediaId);
          return { id: p.mediaId, stage: p.stage, url: urls.url, thumbUrl: urls.thumbUrl };
        }),
      rating: { average: w.ratingAverage, count: w.ratingCount, mine: w.myScore },
    })),
    reports: reports.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      text: r.text.length > 280 ? `${r.text.slice(0, 279)}…` : r.text,
      createdAt: r.createdAt.toISOString(),
      pointsAtObject: r.pointsAtObject,
    })),
    followers: follow.followers,
    following: follow.following,
    canEdit: canEditObject(actor, row.organisationId),
  };
}

export async function saveObject(deps: ObjectsDeps, actor: Actor, body: ObjectBody): Promise<ObjectDetail> {
  if (!canEditObject(actor, body.organisationId ?? null)) throw new AppError('forbidden');
  await refuseBadGeometry(deps.db, body.geometry, 'geometry');
  if (body.organisationId && !(await repo.organisationExists(deps.db, body.organisationId)))
    throw new AppError('validation_failed', [
      { path: 'organisationId', message: `vmeste:object_organisation_unknown:${body.organisationId}` },
    ]);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const saved = await repo.upsertObject(
      tx,
      {
        externalId: body.externalId,
        kind: body.kind,
        name: body.name,
        geometry: body.geometry,
        address: body.address ?? null,
        organisationId: body.organisationId ?? null,
      },
      now,
    );
    await writeAudit(tx, {
      actor,
      action: 'object.save',
      entityType: 'city_object',
      entityId: saved.id,
      at: now,
    });
    return saved.id;
  });
  return getObject(deps, actor, id);
}

async function editableObject(deps: ObjectsDeps, actor: Actor, objectId: string) {
  const row = await repo.findObject(deps.db, objectId);
  if (!row) throw new AppError('object_not_found');
  if (!canEditObject(actor, row.organisationId)) throw new AppError('forbidden');
  return row;
}

export async function addWork(deps: ObjectsDeps, actor: Actor, objectId: string, body: WorkBody) {
  const object = await editableObject(deps, actor, objectId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const id = await repo.insertWork(tx, objectId, body, now);
    await writeAudit(tx, { actor, action: 'work.create', entityType: 'object_work', entityId: id, at: now });
    await tellFollowers(tx, deps.notifier, {
      before: null,
      after: body.status,
      object,
      work: { id, title: body.title },
      editorId: actor.id,
      at: now,
    });
  });
  deps.notifier.afterCommit();
  return getObject(deps, actor, objectId);
}

export async function changeWork(
  deps: ObjectsDeps,
  actor: Actor,
  objectId: string,
  workId: string,
  body: WorkBody,
) {
  const object = await editableObject(deps, actor, objectId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await repo.updateWork(tx, objectId, workId, body, now);
    if (!before) throw new AppError('work_not_found');
    await writeAudit(tx, {
      actor,
      action: 'work.update',
      entityType: 'object_work',
      entityId: workId,
      at: now,
    });
    await tellFollowers(tx, deps.notifier, {
      before,
      after: body.status,
      object,
      work: { id: workId, title: body.title },
      editorId: actor.id,
      at: now,
    });
  });
  deps.notifier.afterCommit();
  return getObject(deps, actor, objectId);
}

/** A photo of the work before or after, from the editor's own uploads (media module). */
export async function addWorkPhoto(
  deps: ObjectsDeps,
  actor: Actor,
  objectId: string,
  workId: string,
  body: { mediaId: string; stage: 'before' | 'after' },
) {
  await editableObject(deps, actor, objectId);
  if (!(await repo.findWork(deps.db, objectId, workId))) throw new AppError('work_not_found');
  if (!(await repo.attachWorkPhoto(deps.db, workId, body.mediaId, actor.id, body.stage)))
    throw new AppError('work_photo_unusable', [{ path: 'mediaId', message: 'work_photo_unusable' }]);
  return getObject(deps, actor, objectId);
}

/**
 * A resident rates a completed work, once. Residents only: the rating is the public's judgement of
 * the works, which staff (who may have ordered or accepted them) must not sway.
 */
export async function rateWork(
  deps: ObjectsDeps,
  actor: Actor,
  objectId: string,
  workId: string,
  score: number,
) {
  if (actor.role !== 'resident') throw new AppError('work_rating_residents_only');
  const work = await repo.findWork(deps.db, objectId, workId);
  if (!work) throw new AppError('work_not_found');
  if (work.status !== 'completed') throw new AppError('work_not_completed');
  if (!(await repo.insertRating(deps.db, workId, actor.id, score, deps.clock.now())))
    throw new AppError('work_already_rated');
  return getObject(deps, actor, objectId);
}

export async function follow(deps: ObjectsDeps, actor: Actor, objectId: string, on: boolean) {
  if (!(await repo.objectExists(deps.db, objectId))) throw new AppError('object_not_found');
  await repo.setFollow(deps.db, objectId, actor.id, on, deps.clock.now());
  return getObject(deps, actor, objectId);
}

export async function followedObjects(deps: ObjectsDeps, actor: Actor) {
  return { items: await repo.followedObjects(deps.db, actor.id) };
}
