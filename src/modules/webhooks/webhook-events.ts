/**
 * Public webhook event names, and how timeline event types (report_events.type) map onto them.
 * The timeline grows as modules add commands; a type nobody mapped still goes out, as
 * `report.status_changed` when it moved the status and `report.updated` otherwise, so receivers
 * never miss an event because this table lags behind.
 */
export const webhookEvents = [
  'report.created',
  'report.status_changed',
  'report.answer_published',
  'report.redirected',
  'report.merged',
  'report.poll_closed',
  'report.updated',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

const byType: Record<string, WebhookEvent> = {
  submitted: 'report.created',
  answer_published: 'report.answer_published',
  redirected: 'report.redirected',
  routed: 'report.redirected',
  assigned: 'report.redirected',
  merged: 'report.merged',
  merged_into: 'report.merged',
  duplicate_merged: 'report.merged',
  poll_closed: 'report.poll_closed',
};

export type TimelineFacts = { type: string; fromStatus: string | null; toStatus: string | null };

/** A status change proper: filing a report (no status before) is a creation, not a change. */
function movedStatus(e: TimelineFacts): boolean {
  return e.fromStatus !== null && e.toStatus !== null && e.fromStatus !== e.toStatus;
}

export function webhookEventFor(e: TimelineFacts): WebhookEvent {
  const mapped = byType[e.type];
  if (mapped) return mapped;
  if (e.toStatus === 'merged') return 'report.merged';
  if (movedStatus(e)) return 'report.status_changed';
  return 'report.updated';
}

/**
 * The names an endpoint's subscription is matched against: the event's own name, and
 * `report.status_changed` for every event that moved the status (an answer being published is a
 * status change too), so a receiver that follows statuses sees every one of them.
 */
export function subscriptionKeys(e: TimelineFacts): WebhookEvent[] {
  const name = webhookEventFor(e);
  return movedStatus(e) && name !== 'report.status_changed' ? [name, 'report.status_changed'] : [name];
}
