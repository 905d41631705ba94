import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../db/schema/webhooks.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewEndpoint = typeof webhookEndpoints.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

const toDate = (v: Date | string | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);

// ---- endpoints ---------------------------------------------------------------------------------

export async function insertEndpoint(exec: Executor, values: NewEndpoint): Promise<EndpointRow> {
  const [row] = await exec.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('webhook endpoint insert returned nothing');
  return row;
}

export async function findEndpoint(
  exec: Executor,
  id: string,
  forUpdate = false,
): Promise<EndpointRow | undefined> {
  const q = exec.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export type EndpointCounts = { pending: number; failed: number };

export async function listEndpoints(exec: Executor): Promise<(EndpointRow & EndpointCounts)[]> {
  const rows = await exec.select().from(webhookEndpoints).orderBy(webhookEndpoints.createdAt);
  const counts = await queryRows<{ endpointId: string; pending: number; failed: number }>(
    exec,
    sql`SELECT endpoint_id AS "endpointId", count(*) FILTER (WHERE state = 'pending')::int AS pending,
               count(*) FILTER (WHERE state = 'failed')::int AS failed
        FROM webhook_deliveries WHERE state <> 'delivered' GROUP BY endpoint_id`,
  );
  const byId = new Map(counts.map((c) => [c.endpointId, c]));
  return rows.map((r) => ({
    ...r,
    pending: Number(byId.get(r.id)?.pending ?? 0),
    failed: Number(byId.get(r.id)?.failed ?? 0),
  }));
}

export async function updateEndpoint(
  exec: Executor,
  id: string,
  values: Partial<NewEndpoint>,
): Promise<EndpointRow> {
  const [row] = await exec
    .update(webhookEndpoints)
    .set(values)
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw new Error('webhook endpoint update returned nothing');
  return row;
}

export async function deleteEndpoint(exec: Executor, id: string): Promise<void> {
  await exec.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
}

/** Endpoints that collect events: enabled ones, and those switched off by failures (they catch up). */
export async function collectingEndpoints(exec: Executor): Promise<{ id: string; events: string[] }[]> {
  return queryRows(
    exec,
    sql`SELECT id, events FROM webhook_endpoints WHERE enabled OR disabled_reason = 'failures' FOR SHARE`,
  );
}

// ---- outbox → deliveries -------------------------------------------------------------------------

export type OutboxEvent = {
  reportEventId: number;
  reportId: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  isPublic: boolean;
  payload: Record<string, unknown>;
  occurredAt: Date;
  number: number;
  kind: 'report' | 'appeal';
  status: string;
  reportIsPublic: boolean;
  categoryCode: string;
  territoryId: string | null;
  organisationId: string | null;
  lat: number;
  lon: number;
  dueAt: Date | null;
  createdAt: Date;
};

/**
 * Takes up to `limit` outbox rows out (the caller's transaction: if it fails they come back) with
 * what a payload needs. SKIP LOCKED lets several nodes fan out side by side.
 */
export async function takeOutbox(exec: Executor, limit: number): Promise<OutboxEvent[]> {
  const rows = await queryRows<OutboxEvent>(
    exec,
    sql`WITH taken AS (
          DELETE FROM webhook_outbox WHERE id IN (
            SELECT id FROM webhook_outbox ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING report_event_id)
        SELECT e.id AS "reportEventId", e.report_id AS "reportId", e.type, e.from_status AS "fromStatus",
               e.to_status AS "toStatus", e.is_public AS "isPublic", e.payload, e.created_at AS "occurredAt",
               r.number, r.kind, r.status, r.is_public AS "reportIsPublic", c.code AS "categoryCode",
               r.territory_id AS "territoryId", r.organisation_id AS "organisationId",
               ST_Y(r.location) AS lat, ST_X(r.location) AS lon, r.due_at AS "dueAt", r.created_at AS "createdAt"
        FROM taken JOIN report_events e ON e.id = taken.report_event_id
        JOIN reports r ON r.id = e.report_id JOIN categories c ON c.id = r.category_id
        ORDER BY e.id`,
  );
  return rows.map((r) => ({
    ...r,
    reportEventId: Number(r.reportEventId),
    number: Number(r.number),
    lat: Number(r.lat),
    lon: Number(r.lon),
    occurredAt: toDate(r.occurredAt) as Date,
    dueAt: toDate(r.dueAt),
    createdAt: toDate(r.createdAt) as Date,
  }));
}

export type NewDelivery = typeof webhookDeliveries.$inferInsert;

export async function insertDeliveries(exec: Executor, rows: NewDelivery[]): Promise<void> {
  if (rows.length > 0) await exec.insert(webhookDeliveries).values(rows);
}

// ---- sending -------------------------------------------------------------------------------------

export type DueDelivery = {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  event: string;
  body: string;
  attempts: number;
};

/**
 * Leases the deliveries due now. A delivery is due only when it is the oldest unfinished one of its
 * report for its endpoint: a failing delivery holds back the later events of that report (strict
 * order per report) until it succeeds or is given up. A lease that ran out (a sender died) is taken
 * over, so nothing is lost; the receiver deduplicates by X-Vmeste-Delivery.
 */
export async function leaseDue(
  exec: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<DueDelivery[]> {
  return queryRows<DueDelivery>(
    exec,
    sql`WITH due AS (
          SELECT d.id FROM webhook_deliveries d
          JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
          WHERE d.state = 'pending' AND d.next_attempt_at <= ${now}
            AND (d.lease_until IS NULL OR d.lease_until <= ${now})
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries p
              WHERE p.endpoint_id = d.endpoint_id AND p.report_id = d.report_id
                AND p.state = 'pending' AND p.report_event_id < d.report_event_id)
          ORDER BY d.next_attempt_at, d.report_event_id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED)
        UPDATE webhook_deliveries d SET lease_until = ${leaseUntil}
        FROM due, webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
        RETURNING d.id, d.endpoint_id AS "endpointId", e.url, e.secret, d.event, d.body, d.attempts`,
  );
}

export type AttemptEntry = {
  deliveryId: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
  at: Date;
};

export async function insertAttempt(exec: Executor, a: AttemptEntry): Promise<number> {
  const rows = await queryRows<{ attempt: number }>(
    exec,
    sql`INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, response_excerpt, created_at)
        SELECT ${a.deliveryId}, count(*) + 1, ${a.statusCode}, ${a.error}, ${a.durationMs}, ${a.responseExcerpt}, ${a.at}
        FROM webhook_attempts WHERE delivery_id = ${a.deliveryId}
        RETURNING attempt`,
  );
  return Number(rows[0]?.attempt ?? 0);
}

export async function updateDelivery(
  exec: Executor,
  id: string,
  values: Partial<NewDelivery>,
): Promise<void> {
  await exec.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id));
}

/** Counts a failed attempt against the endpoint; returns the new count. */
export async function countFailure(exec: Executor, endpointId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1
        WHERE id = ${endpointId} RETURNING consecutive_failures AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function resetFailures(exec: Executor, endpointId: string): Promise<void> {
  await exec
    .update(webhookEndpoints)
    .set({ consecutiveFailures: 0 })
    .where(and(eq(webhookEndpoints.id, endpointId), sql`${webhookEndpoints.consecutiveFailures} <> 0`));
}

// ---- the log -------------------------------------------------------------------------------------

export async function listDeliveries(
  exec: Executor,
  endpointId: string,
  filter: { state?: DeliveryRow['state'] | undefined; before?: Date | undefined; limit: number },
): Promise<DeliveryRow[]> {
  const where = [eq(webhookDeliveries.endpointId, endpointId)];
  if (filter.state) where.push(eq(webhookDeliveries.state, filter.state));
  if (filter.before) where.push(lt(webhookDeliveries.createdAt, filter.before));
  return exec
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.reportEventId))
    .limit(filter.limit);
}

export async function findDelivery(
  exec: Executor,
  id: string,
  forUpdate = false,
): Promise<DeliveryRow | undefined> {
  const q = exec.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function listAttempts(exec: Executor, deliveryId: string): Promise<AttemptRow[]> {
  return exec
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(webhookAttempts.id);
}

/** Makes every unfinished delivery of an endpoint due now (after it is switched back on). */
export async function makePendingDue(exec: Executor, endpointId: string, now: Date): Promise<void> {
  await exec
    .update(webhookDeliveries)
    .set({ nextAttemptAt: now, updatedAt: now })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.state, 'pending')));
}

/**
 * Forgets delivered deliveries (and their attempts, by cascade) older than the retention, a batch at
 * a time; waiting and given-up ones stay until they are delivered or their endpoint is removed.
 */
export async function pruneDelivered(exec: Executor, before: Date, limit: number): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`DELETE FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries WHERE state = 'delivered' AND delivered_at < ${before}
          LIMIT ${limit}) RETURNING id`,
  );
  return rows.length;
}
