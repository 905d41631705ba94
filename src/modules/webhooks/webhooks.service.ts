import { randomBytes } from 'node:crypto';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { presentAttempt, presentDelivery, presentEndpoint } from './webhook.presenter.ts';
import { webhookEvents } from './webhook-events.ts';
import * as repo from './webhooks.repo.ts';
import type { CreateEndpointInput, EndpointView, UpdateEndpointInput } from './webhooks.schemas.ts';

export type WebhooksDeps = { db: Db; clock: Clock; secrets: SecretBox };

/** Webhooks send report data to outside systems: only admins register and manage them. */
function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

async function loadEndpoint(exec: Executor, id: string, lock = false) {
  const row = await repo.findEndpoint(exec, id, lock);
  if (!row) throw new AppError('webhook_endpoint_not_found');
  return row;
}

export async function listEndpoints(deps: WebhooksDeps, actor: Actor) {
  assertAdmin(actor);
  const rows = await repo.listEndpoints(deps.db);
  return { items: rows.map((r) => presentEndpoint(r, r)), events: [...webhookEvents] };
}

export async function getEndpoint(deps: WebhooksDeps, actor: Actor, id: string): Promise<EndpointView> {
  assertAdmin(actor);
  const row = (await repo.listEndpoints(deps.db)).find((r) => r.id === id);
  if (!row) throw new AppError('webhook_endpoint_not_found');
  return presentEndpoint(row, row);
}

/** The secret is in this answer and never again (rotate to get a new one). */
export async function createEndpoint(deps: WebhooksDeps, actor: Actor, input: CreateEndpointInput) {
  assertAdmin(actor);
  const now = deps.clock.now();
  const secret = input.secret ?? generateSecret();
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertEndpoint(tx, {
      url: input.url,
      description: input.description,
      events: input.events,
      // Stored encrypted (SECRETS_KEY); the answer carries it in clear, this once.
      secret: deps.secrets.seal(secret),
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: 'webhook.endpoint_created',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      details: { events: input.events },
      at: now,
    });
    return { endpoint: presentEndpoint(row), secret };
  });
}

export async function updateEndpoint(
  deps: WebhooksDeps,
  actor: Actor,
  id: string,
  input: UpdateEndpointInput,
) {
  assertAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await loadEndpoint(tx, id, true);
    const values: Partial<repo.NewEndpoint> = { updatedAt: now };
    if (input.url !== undefined) values.url = input.url;
    if (input.events !== undefined) values.events = input.events;
    if (input.description !== undefined) values.description = input.description;
    if (input.enabled === true && !before.enabled) {
      // Back on: a fresh failure count, and what waited (while failing) goes out at once.
      Object.assign(values, {
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
      });
      await repo.makePendingDue(tx, id, now);
    } else if (input.enabled === false && before.enabled) {
      Object.assign(values, { enabled: false, disabledReason: 'admin', disabledAt: now });
    }
    const row = await repo.updateEndpoint(tx, id, values);
    await writeAudit(tx, {
      actor,
      action: 'webhook.endpoint_updated',
      entityType: 'webhook_endpoint',
      entityId: id,
      details: { fields: Object.keys(input) },
      at: now,
    });
    return presentEndpoint(row);
  });
}

export async function deleteEndpoint(deps: WebhooksDeps, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await loadEndpoint(tx, id, true);
    await repo.deleteEndpoint(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'webhook.endpoint_deleted',
      entityType: 'webhook_endpoint',
      entityId: id,
      at: now,
    });
  });
}

export async function rotateSecret(deps: WebhooksDeps, actor: Actor, id: string) {
  assertAdmin(actor);
  const now = deps.clock.now();
  const secret = generateSecret();
  return deps.db.transaction(async (tx) => {
    await loadEndpoint(tx, id, true);
    const row = await repo.updateEndpoint(tx, id, { secret: deps.secrets.seal(secret), updatedAt: now });
    await writeAudit(tx, {
      actor,
      action: 'webhook.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: id,
      at: now,
    });
    return { endpoint: presentEndpoint(row), secret };
  });
}

export async function listDeliveries(
  deps: WebhooksDeps,
  actor: Actor,
  endpointId: string,
  query: { state?: repo.DeliveryRow['state'] | undefined; before?: string | undefined; limit: number },
) {
  assertAdmin(actor);
  await loadEndpoint(deps.db, endpointId);
  const rows = await repo.listDeliveries(deps.db, endpointId, {
    state: query.state,
    before: query.before ? new Date(query.before) : undefined,
    limit: query.limit,
  });
  return { items: rows.map(presentDelivery) };
}

async function loadDelivery(exec: Executor, endpointId: string, id: string, lock = false) {
  const row = await repo.findDelivery(exec, id, lock);
  if (!row || row.endpointId !== endpointId) throw new AppError('webhook_delivery_not_found');
  return row;
}

export async function getDelivery(deps: WebhooksDeps, actor: Actor, endpointId: string, id: string) {
  assertAdmin(actor);
  const row = await loadDelivery(deps.db, endpointId, id);
  const log = await repo.listAttempts(deps.db, id);
  return { ...presentDelivery(row), body: row.body, log: log.map(presentAttempt) };
}

/**
 * Manual retry: a given-up delivery gets a fresh series of attempts, a waiting one is made due now.
 * A retried delivery keeps its id (the receiver's idempotency key) and its body. Delivered ones
 * are not sent again.
 */
export async function retryDelivery(deps: WebhooksDeps, actor: Actor, endpointId: string, id: string) {
  assertAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await loadDelivery(tx, endpointId, id, true);
    if (row.state === 'delivered') throw new AppError('webhook_delivery_not_retryable');
    // A pending delivery may be in flight right now: its lease stays, so it is not sent twice at once.
    const values = { state: 'pending' as const, attempts: 0, nextAttemptAt: now, updatedAt: now };
    await repo.updateDelivery(tx, id, values);
    await writeAudit(tx, {
      actor,
      action: 'webhook.delivery_retried',
      entityType: 'webhook_delivery',
      entityId: id,
      details: { from: row.state },
      at: now,
    });
    return presentDelivery({ ...row, ...values });
  });
}
