import { secretHint } from '../../lib/secret-box.ts';
import type { AttemptRow, DeliveryRow, EndpointCounts, EndpointRow } from './webhooks.repo.ts';
import type { DeliveryView, EndpointView } from './webhooks.schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Never the secret itself: only its last four characters. */
export function presentEndpoint(
  row: EndpointRow,
  counts: EndpointCounts = { pending: 0, failed: 0 },
): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: iso(row.disabledAt),
    consecutiveFailures: row.consecutiveFailures,
    secretHint: `…${secretHint(row.secret)}`,
    pendingDeliveries: counts.pending,
    failedDeliveries: counts.failed,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDelivery(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    reportId: row.reportId,
    eventId: row.reportEventId,
    event: row.event,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentAttempt(a: AttemptRow) {
  return {
    attempt: a.attempt,
    statusCode: a.statusCode,
    error: a.error,
    durationMs: a.durationMs,
    responseExcerpt: a.responseExcerpt,
    at: a.createdAt.toISOString(),
  };
}
