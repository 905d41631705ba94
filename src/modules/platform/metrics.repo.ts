import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

export type QueueGauge = { name: string; waiting: number; active: number; oldestWaitingSeconds: number };
export type OutboxGauge = {
  outbox: number;
  oldestOutboxSeconds: number;
  pendingDeliveries: number;
  oldestDueDeliverySeconds: number;
};

/**
 * Jobs per queue: waiting (created or retrying, due now), running, and how long the oldest due job
 * has waited. Read from the job queue's own table (pg-boss keeps it in `jobSchema`); empty until a
 * node has started the queue.
 */
export async function queueGauges(exec: Executor, jobSchema: string): Promise<QueueGauge[]> {
  const exists = await queryRows<{ t: string | null }>(
    exec,
    sql`SELECT to_regclass(${`${jobSchema}.job`})::text AS t`,
  );
  if (!exists[0]?.t) return [];
  // Every queue, also an idle one (zeros). The queue's times are the database's (pg-boss writes
  // now()), so the ages are measured against the database's clock too.
  const rows = await queryRows<{ name: string; waiting: number; active: number; oldest: number | null }>(
    exec,
    sql`SELECT q.name,
          count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())::int AS waiting,
          count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
          extract(epoch FROM now() - min(j.start_after)
            FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()))::float8 AS oldest
        FROM ${sql.identifier(jobSchema)}.queue q
        LEFT JOIN ${sql.identifier(jobSchema)}.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active')
        GROUP BY q.name`,
  );
  return rows.map((r) => ({
    name: r.name,
    waiting: Number(r.waiting),
    active: Number(r.active),
    oldestWaitingSeconds: Math.max(0, Number(r.oldest ?? 0)),
  }));
}

/** The webhook outbox not yet fanned out, and deliveries due but not yet delivered. */
export async function outboxGauge(exec: Executor): Promise<OutboxGauge> {
  const rows = await queryRows<{
    outbox: number;
    oldestOutbox: number | null;
    pending: number;
    oldestDue: number | null;
  }>(
    exec,
    sql`SELECT
          (SELECT count(*)::int FROM webhook_outbox) AS outbox,
          (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM webhook_outbox) AS "oldestOutbox",
          (SELECT count(*)::int FROM webhook_deliveries WHERE state = 'pending') AS pending,
          (SELECT extract(epoch FROM now() - min(next_attempt_at))::float8
             FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= now()) AS "oldestDue"`,
  );
  const r = rows[0]!;
  return {
    outbox: Number(r.outbox),
    oldestOutboxSeconds: Math.max(0, Number(r.oldestOutbox ?? 0)),
    pendingDeliveries: Number(r.pending),
    oldestDueDeliverySeconds: Math.max(0, Number(r.oldestDue ?? 0)),
  };
}
