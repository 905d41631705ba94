import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { writeAudit } from '../audit/index.ts';
import { signPayload } from './signature.ts';
import { subscriptionKeys, webhookEventFor } from './webhook-events.ts';
import { webhookBody } from './webhook-payload.ts';
import { postWebhook, type SendResult } from './webhook-sender.ts';
import * as repo from './webhooks.repo.ts';

export type WebhookSettings = {
  timeoutMs: number;
  /** Attempts of one delivery before it is given up (state failed; a person may retry it). */
  maxAttempts: number;
  /** Consecutive failed attempts (any delivery) after which the endpoint is switched off. */
  disableAfterFailures: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** How long delivered deliveries stay in the log. */
  logRetentionMs: number;
};

/** `secrets` opens the endpoints' secrets, stored encrypted. */
export type DispatchDeps = { db: Db; clock: Clock; settings: WebhookSettings; secrets: SecretBox };

const FAN_OUT_BATCH = 500;
const SEND_BATCH = 50;
const SEND_CONCURRENCY = 8;
const PRUNE_BATCH = 1000;

/** Exponential back-off with a cap: base, 2·base, 4·base, … after the 1st, 2nd, 3rd failure. */
export function backoffMs(
  failedAttempts: number,
  s: Pick<WebhookSettings, 'backoffBaseMs' | 'backoffCapMs'>,
): number {
  const exp = Math.min(failedAttempts - 1, 30);
  return Math.min(s.backoffBaseMs * 2 ** Math.max(exp, 0), s.backoffCapMs);
}

/**
 * Outbox → deliveries, one transaction per batch: the outbox rows leave only together with the
 * deliveries made from them, so a crash in between loses nothing.
 */
export async function fanOut(deps: DispatchDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const made = await deps.db.transaction(async (tx) => {
      const events = await repo.takeOutbox(tx, FAN_OUT_BATCH);
      if (events.length === 0) return 0;
      const endpoints = await repo.collectingEndpoints(tx);
      const now = deps.clock.now();
      const rows: repo.NewDelivery[] = [];
      for (const e of events) {
        const keys = subscriptionKeys(e);
        const name = webhookEventFor(e);
        for (const ep of endpoints) {
          if (!keys.some((k) => ep.events.includes(k))) continue;
          const id = randomUUID();
          rows.push({
            id,
            endpointId: ep.id,
            reportId: e.reportId,
            reportEventId: e.reportEventId,
            event: name,
            body: webhookBody(id, name, e),
            nextAttemptAt: now,
            createdAt: now,
            updatedAt: now,
          });
        }
      }
      await repo.insertDeliveries(tx, rows);
      return events.length;
    });
    total += made;
    if (made < FAN_OUT_BATCH) return total;
  }
}

/**
 * Sends what is due, batch after batch, until nothing is due at the clock's current time.
 * Returns how many attempts were made.
 */
export async function sendDue(deps: DispatchDeps): Promise<number> {
  let attempts = 0;
  for (;;) {
    const now = deps.clock.now();
    // The lease outlives the request by a margin; a sender that dies leaves it to expire.
    const leaseUntil = new Date(now.getTime() + deps.settings.timeoutMs * 2 + 30_000);
    const due = await repo.leaseDue(deps.db, now, leaseUntil, SEND_BATCH);
    if (due.length === 0) return attempts;
    await inPool(due, SEND_CONCURRENCY, async (d) => {
      const result = await deliverOnce(deps, d);
      await recordResult(deps, d, result);
    });
    attempts += due.length;
  }
}

/**
 * One full run of the delivery job. Runs must not overlap: deliveries of one report are ordered by
 * event id, which holds only if fan-out batches commit in order — the job queue's stately policy
 * keeps a single run active across all nodes.
 */
export async function runWebhookDelivery(
  deps: DispatchDeps,
): Promise<{ fannedOut: number; attempts: number; pruned: number }> {
  const fannedOut = await fanOut(deps);
  const attempts = await sendDue(deps);
  const before = new Date(deps.clock.now().getTime() - deps.settings.logRetentionMs);
  const pruned = await repo.pruneDelivered(deps.db, before, PRUNE_BATCH);
  return { fannedOut, attempts, pruned };
}

async function deliverOnce(deps: DispatchDeps, d: repo.DueDelivery): Promise<SendResult> {
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  return postWebhook({
    url: d.url,
    body: d.body,
    timeoutMs: deps.settings.timeoutMs,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Vmeste-Webhooks/1',
      'x-vmeste-event': d.event,
      'x-vmeste-delivery': d.id,
      'x-vmeste-timestamp': String(timestamp),
      'x-vmeste-signature': signPayload(deps.secrets.open(d.secret), timestamp, d.body),
    },
  });
}

async function recordResult(deps: DispatchDeps, d: repo.DueDelivery, r: SendResult): Promise<void> {
  const now = deps.clock.now();
  const s = deps.settings;
  await deps.db.transaction(async (tx) => {
    // The endpoint may have been deleted (with its deliveries) while the request was under way.
    if (!(await repo.findDelivery(tx, d.id, true))) return;
    await repo.insertAttempt(tx, {
      deliveryId: d.id,
      statusCode: r.statusCode,
      error: r.error,
      durationMs: r.durationMs,
      responseExcerpt: r.responseExcerpt,
      at: now,
    });
    const attempts = d.attempts + 1;
    const common = {
      attempts,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      leaseUntil: null,
      updatedAt: now,
    };
    if (r.ok) {
      await repo.updateDelivery(tx, d.id, { ...common, state: 'delivered', deliveredAt: now });
      await repo.resetFailures(tx, d.endpointId);
      return;
    }
    const givenUp = attempts >= s.maxAttempts;
    await repo.updateDelivery(tx, d.id, {
      ...common,
      state: givenUp ? 'failed' : 'pending',
      nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, s)),
    });
    const failures = await repo.countFailure(tx, d.endpointId);
    if (failures === s.disableAfterFailures) {
      await repo.updateEndpoint(tx, d.endpointId, {
        enabled: false,
        disabledReason: 'failures',
        disabledAt: now,
        updatedAt: now,
      });
      await writeAudit(tx, {
        actor: null,
        action: 'webhook.endpoint_disabled',
        entityType: 'webhook_endpoint',
        entityId: d.endpointId,
        details: { consecutiveFailures: failures, lastError: r.error },
        at: now,
      });
    }
  });
}

/** Runs `work` over the items, `size` at a time; every item is tried, then the first error is thrown. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item).catch((err: unknown) => errors.push(err));
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
