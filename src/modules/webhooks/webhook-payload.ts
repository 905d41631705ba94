import type { WebhookEvent } from './webhook-events.ts';
import type { OutboxEvent } from './webhooks.repo.ts';

/**
 * The body receivers get. Public data only: never the author, the text or the address a resident
 * typed. The location is included only for a public report (what the map shows anyway); internal
 * timeline events carry their statuses but not their details (questions to the author, drafts).
 */
export function webhookBody(deliveryId: string, event: WebhookEvent, e: OutboxEvent): string {
  const visible = e.reportIsPublic && e.kind === 'report';
  return JSON.stringify({
    deliveryId,
    event,
    eventId: e.reportEventId,
    occurredAt: e.occurredAt.toISOString(),
    change: {
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      details: e.isPublic ? e.payload : {},
    },
    report: {
      id: e.reportId,
      number: e.number,
      kind: e.kind,
      status: e.status,
      isPublic: visible,
      categoryCode: e.categoryCode,
      territoryId: e.territoryId,
      organisationId: e.organisationId,
      location: visible ? { lat: e.lat, lon: e.lon } : null,
      dueAt: e.dueAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
    },
  });
}
