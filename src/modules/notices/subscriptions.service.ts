import { AppError } from '../../lib/errors.ts';
import type { Geometry } from '../../lib/geojson.ts';
import type { Actor } from '../identity/index.ts';
import type { CreateSubscriptionInput } from './notices.schemas.ts';
import { type NoticesDeps, refuseBadGeometry } from './notices.service.ts';
import * as repo from './subscriptions.repo.ts';

const MAX_SUBSCRIPTIONS = 20;

function present(r: repo.SubscriptionRow) {
  return {
    id: r.id,
    label: r.label,
    radiusMeters: r.radiusMeters,
    area: JSON.parse(r.areaJson) as Geometry,
    createdAt: r.createdAt.toISOString(),
  };
}

/** A resident's place to hear about notices: an address (point and radius) or an area. */
export async function subscribe(deps: NoticesDeps, actor: Actor, body: CreateSubscriptionInput) {
  if (body.area) await refuseBadGeometry(deps.db, body.area, 'area');
  else if (body.point)
    await refuseBadGeometry(
      deps.db,
      { type: 'Point', coordinates: [body.point.lon, body.point.lat] },
      'point',
    );
  if ((await repo.countSubscriptions(deps.db, actor.id)) >= MAX_SUBSCRIPTIONS)
    throw new AppError('subscriptions_limit');
  const now = deps.clock.now();
  const row = body.area
    ? await repo.insertSubscription(deps.db, { userId: actor.id, label: body.label, now, area: body.area })
    : await repo.insertSubscription(deps.db, {
        userId: actor.id,
        label: body.label,
        now,
        point: body.point!,
        radiusMeters: body.radiusMeters!,
      });
  return present(row);
}

export async function listSubscriptions(deps: NoticesDeps, actor: Actor) {
  return { items: (await repo.listSubscriptions(deps.db, actor.id)).map(present) };
}

export async function unsubscribe(deps: NoticesDeps, actor: Actor, id: string): Promise<void> {
  if (!(await repo.deleteSubscription(deps.db, actor.id, id))) throw new AppError('subscription_not_found');
}

export async function listAlerts(deps: NoticesDeps, actor: Actor) {
  const [rows, unread] = await Promise.all([
    repo.listAlerts(deps.db, actor.id, 50),
    repo.countUnread(deps.db, actor.id),
  ]);
  return {
    unread,
    items: rows.map((a) => ({
      id: a.id,
      type: a.type,
      notice: {
        id: a.noticeId,
        title: a.title,
        kind: a.kind,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
      },
      createdAt: a.createdAt.toISOString(),
      readAt: a.readAt ? a.readAt.toISOString() : null,
    })),
  };
}

export async function readAlerts(deps: NoticesDeps, actor: Actor): Promise<void> {
  await repo.markAlertsRead(deps.db, actor.id, deps.clock.now());
}
