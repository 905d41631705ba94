import type { Tx } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import { isInAudience } from '../discussions/index.ts';
import { type Actor, findUserById, presentActor } from '../identity/index.ts';
import { mediaUrls } from '../media/media.urls.ts';
import type { TopicNotifier } from '../notifications/index.ts';
import { createReport, type ReportsDeps, runAction } from '../reports/index.ts';
import * as repo from './initiatives.repo.ts';
import {
  type CreateInitiativeInput,
  type Initiative,
  type InitiativeListQuery,
  initiativeStatuses,
} from './initiatives.schemas.ts';

export type InitiativeSettings = { verifiedOnly: boolean; defaultThreshold: number; collectDays: number };
export type InitiativesDeps = {
  reports: ReportsDeps;
  settings: InitiativeSettings;
  /** Supporters and the author hear that it was sent or expired (notifications module). */
  notifier: TopicNotifier;
};

/** Tells the supporters and the author, in the transaction of the change. */
async function tellSupporters(
  deps: InitiativesDeps,
  tx: Tx,
  i: repo.InitiativeRow,
  topic: 'initiative_sent' | 'initiative_expired',
  at: Date,
): Promise<void> {
  await deps.notifier.tell(tx, {
    topic,
    subjectId: i.id,
    subjectTitle: i.title,
    userIds: await repo.supporterAndAuthorIds(tx, i.id),
    at,
  });
}

const isModerator = (a: Actor | null) => a !== null && (a.role === 'moderator' || a.role === 'admin');

function present(v: repo.InitiativeView, actor: Actor | null, supportedByMe: boolean): Initiative {
  return {
    id: v.id,
    title: v.title,
    text: v.text,
    categoryId: v.categoryId,
    territoryId: v.territoryId,
    lat: v.lat,
    lon: v.lon,
    photos: v.mediaIds.map((id) => ({ id, ...mediaUrls(id) })),
    status: v.status,
    supporters: v.supporters,
    threshold: v.threshold,
    collectUntil: v.collectUntil?.toISOString() ?? null,
    rejectionReason: v.rejectionReason,
    createdAt: v.createdAt.toISOString(),
    thresholdReachedAt: v.thresholdReachedAt?.toISOString() ?? null,
    reportId: v.reportId,
    reportStatus: (v.reportStatus as Initiative['reportStatus']) ?? null,
    isMine: actor?.id === v.authorId,
    supportedByMe,
  };
}

/** Before moderation (and after a rejection) only the author and moderators see an initiative. */
function visible(v: repo.InitiativeRow, actor: Actor | null): boolean {
  if (v.status !== 'moderation' && v.status !== 'rejected') return true;
  return actor !== null && (actor.id === v.authorId || isModerator(actor));
}

export async function getInitiative(
  deps: InitiativesDeps,
  actor: Actor | null,
  id: string,
): Promise<Initiative> {
  const db = deps.reports.db;
  const v = await repo.findView(db, id);
  if (!v || !visible(v, actor)) throw new AppError('initiative_not_found');
  return present(v, actor, actor ? await repo.isSupporter(db, id, actor.id) : false);
}

/**
 * The public list (collecting, sent, expired; moderators also ask for those awaiting moderation), or
 * with `mine` the caller's own initiatives in every state: an author finds their proposal again while
 * it waits for moderation, and learns why it was rejected.
 */
export async function listInitiatives(
  deps: InitiativesDeps,
  actor: Actor | null,
  q: InitiativeListQuery,
): Promise<Initiative[]> {
  if (q.mine === 'true') {
    if (!actor) throw new AppError('unauthenticated');
    const rows = await repo.listViews(deps.reports.db, {
      territoryId: q.territoryId,
      statuses: q.status ? [q.status] : initiativeStatuses,
      authorId: actor.id,
    });
    return rows.map((v) => present(v, actor, false));
  }
  const publicStatuses: Initiative['status'][] = ['collecting', 'sent', 'expired'];
  const statuses = q.status
    ? [q.status].filter((s) => publicStatuses.includes(s) || isModerator(actor))
    : publicStatuses;
  if (statuses.length === 0) throw new AppError('forbidden');
  const rows = await repo.listViews(deps.reports.db, { territoryId: q.territoryId, statuses });
  return rows.map((v) => present(v, actor, false));
}

/** A resident proposes an initiative for a territory they may speak for; it waits for moderation. */
export async function proposeInitiative(
  deps: InitiativesDeps,
  actor: Actor,
  input: CreateInitiativeInput,
): Promise<Initiative> {
  const { db, clock } = deps.reports;
  if (actor.role !== 'resident') throw new AppError('forbidden');
  const problems = [];
  if (!(await repo.isSubject(db, input.categoryId)))
    problems.push({ path: 'categoryId', message: 'initiative_category_not_found' });
  const point = await repo.territoryPoint(db, input.territoryId);
  if (!point) problems.push({ path: 'territoryId', message: 'initiative_territory_not_found' });
  if (problems.length > 0)
    throw new AppError(point ? 'initiative_category_not_found' : 'initiative_territory_not_found', problems);
  if (!(await isInAudience(db, { verifiedOnly: deps.settings.verifiedOnly }, actor, input.territoryId)))
    throw new AppError('not_in_audience');
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const usable = new Set(await repo.usablePhotos(tx, actor.id, input.mediaIds));
    const unusable = input.mediaIds
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => !usable.has(m))
      .map(({ i }) => ({ path: `mediaIds.${i}`, message: 'media_unusable' }));
    if (unusable.length > 0) throw new AppError('media_unusable', unusable);
    const created = await repo.insertInitiative(tx, {
      authorId: actor.id,
      title: input.title,
      text: input.text,
      categoryId: input.categoryId,
      territoryId: input.territoryId,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      mediaIds: input.mediaIds,
      threshold: deps.settings.defaultThreshold,
      createdAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: 'initiative.propose',
      entityType: 'initiative',
      entityId: created.id,
      at: now,
    });
    return created;
  });
  return getInitiative(deps, actor, row.id);
}

/** Approved, it collects support for the fixed time with the territory's threshold as it is now. */
export async function moderateInitiative(
  deps: InitiativesDeps,
  actor: Actor,
  id: string,
  body: { decision: 'approve' | 'reject'; reason?: string | undefined },
): Promise<Initiative> {
  if (!isModerator(actor)) throw new AppError('forbidden');
  const { db, clock } = deps.reports;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const i = await repo.findInitiative(tx, id, true);
    if (!i) throw new AppError('initiative_not_found');
    if (i.status !== 'moderation') throw new AppError('initiative_already_moderated');
    if (body.decision === 'approve') {
      const threshold = (await repo.thresholdFor(tx, i.territoryId)) ?? deps.settings.defaultThreshold;
      await repo.updateInitiative(tx, id, {
        status: 'collecting',
        threshold,
        moderatorId: actor.id,
        moderatedAt: now,
        collectUntil: new Date(now.getTime() + deps.settings.collectDays * DAY_MS),
      });
    } else
      await repo.updateInitiative(tx, id, {
        status: 'rejected',
        rejectionReason: body.reason ?? null,
        moderatorId: actor.id,
        moderatedAt: now,
      });
    await writeAudit(tx, {
      actor,
      action: `initiative.${body.decision}`,
      entityType: 'initiative',
      entityId: id,
      at: now,
    });
  });
  return getInitiative(deps, actor, id);
}

/**
 * One support per resident of the territory. The initiative row is locked, so under concurrent
 * supports exactly one of them counts the threshold's supporter and sends the initiative.
 */
export async function supportInitiative(
  deps: InitiativesDeps,
  actor: Actor,
  id: string,
): Promise<Initiative> {
  const { db, clock } = deps.reports;
  const now = clock.now();
  const reached = await db.transaction(async (tx) => {
    const i = await repo.findInitiative(tx, id, true);
    if (!i || !visible(i, actor)) throw new AppError('initiative_not_found');
    // Staff are refused before the state is looked at: a refusal must not depend on the initiative.
    if (actor.role !== 'resident') throw new AppError('forbidden');
    if (
      i.status === 'expired' ||
      (i.status === 'collecting' && i.collectUntil !== null && now >= i.collectUntil)
    )
      throw new AppError('initiative_expired');
    if (i.status !== 'collecting') throw new AppError('initiative_not_collecting');
    if (i.authorId === actor.id) throw new AppError('own_initiative_support');
    const audience = { verifiedOnly: deps.settings.verifiedOnly };
    if (!(await isInAudience(tx, audience, actor, i.territoryId)))
      throw new AppError(deps.settings.verifiedOnly ? 'verified_residence_required' : 'not_in_audience');
    const supporters = await repo.addSupport(tx, id, actor.id, now);
    if (supporters === null) throw new AppError('already_supported');
    await writeAudit(tx, {
      actor,
      action: 'initiative.support',
      entityType: 'initiative',
      entityId: id,
      at: now,
    });
    if (supporters !== i.threshold) return false;
    await repo.updateInitiative(tx, id, { status: 'sent', thresholdReachedAt: now });
    await tellSupporters(deps, tx, i, 'initiative_sent', now);
    return true;
  });
  if (reached) {
    deps.notifier.afterCommit();
    await sendToOrganisation(deps, id);
  }
  return getInitiative(deps, actor, id);
}

/**
 * An initiative past its threshold becomes a report of its author, accepted by the moderator who
 * approved the initiative: the report machinery routes it to the responsible organisation, sets the
 * deadline in working days, reviews the answer, notifies (supporters follow the report) and lets
 * the author rate the answer. Idempotent (the report's idempotency key is the initiative), so the
 * job can finish a send that a crash interrupted.
 */
export async function sendToOrganisation(deps: InitiativesDeps, id: string): Promise<void> {
  const { db, clock } = deps.reports;
  const i = await repo.findInitiative(db, id);
  if (i?.status !== 'sent' || i.reportId !== null) return;
  const [author, moderator] = await Promise.all([
    findUserById(db, i.authorId),
    i.moderatorId ? findUserById(db, i.moderatorId) : undefined,
  ]);
  if (!author || !moderator) return;
  const point =
    i.lat !== null && i.lon !== null
      ? { lat: i.lat, lon: i.lon }
      : await repo.territoryPoint(db, i.territoryId);
  if (!point) return;
  const { report } = await createReport(
    deps.reports,
    presentActor(author),
    {
      kind: 'report',
      categoryId: i.categoryId,
      text: `${i.title}\n\n${i.text}`,
      lat: point.lat,
      lon: point.lon,
      // The photos move to the report (the author's own uploads, as createReport requires).
      mediaIds: i.mediaIds,
      isPublic: true,
    },
    `initiative:${i.id}`,
  );
  if (report.status === 'submitted')
    await runAction(deps.reports, presentActor(moderator), report.id, 'accept', {});
  const now = clock.now();
  await db.transaction(async (tx) => {
    await repo.updateInitiative(tx, id, { reportId: report.id });
    await repo.supportersFollowReport(tx, id, report.id, now);
    await writeAudit(tx, {
      actor: null,
      action: 'initiative.sent',
      entityType: 'initiative',
      entityId: id,
      details: { reportId: report.id },
      at: now,
    });
  });
}

/**
 * The job's pass: initiatives whose time ran out below the threshold expire and their supporters
 * are told; sends interrupted after the threshold are finished. Idempotent.
 */
export async function expireInitiatives(deps: InitiativesDeps): Promise<{ expired: number; sent: number }> {
  const { db, clock } = deps.reports;
  const now = clock.now();
  let expired = 0;
  for (const { id } of await repo.dueToExpire(db, now)) {
    const done = await db.transaction(async (tx) => {
      const i = await repo.findInitiative(tx, id, true);
      if (i?.status !== 'collecting' || i.collectUntil === null || i.collectUntil > now) return false;
      await repo.updateInitiative(tx, id, { status: 'expired', expiredAt: now });
      await tellSupporters(deps, tx, i, 'initiative_expired', now);
      await writeAudit(tx, {
        actor: null,
        action: 'initiative.expire',
        entityType: 'initiative',
        entityId: id,
        at: now,
      });
      return true;
    });
    if (done) expired++;
  }
  if (expired > 0) deps.notifier.afterCommit();
  const unsent = await repo.unsent(db);
  for (const { id } of unsent) await sendToOrganisation(deps, id);
  return { expired, sent: unsent.length };
}

export async function setThreshold(
  deps: InitiativesDeps,
  actor: Actor,
  territoryId: string,
  threshold: number,
): Promise<{ territoryId: string; threshold: number }> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const { db, clock } = deps.reports;
  if (!(await repo.territoryPoint(db, territoryId))) throw new AppError('initiative_territory_not_found');
  const now = clock.now();
  await db.transaction(async (tx) => {
    await repo.setThreshold(tx, territoryId, threshold, now);
    await writeAudit(tx, {
      actor,
      action: 'initiative.threshold',
      entityType: 'territory',
      entityId: territoryId,
      details: { threshold },
      at: now,
    });
  });
  return { territoryId, threshold };
}
