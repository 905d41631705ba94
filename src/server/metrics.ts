import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../lib/errors.ts';
import { outboxGauge, queueGauges } from '../modules/platform/index.ts';
import { clusterMetrics, joinClusterMetrics } from './cluster-metrics.ts';
import type { AppContext } from './context.ts';

/**
 * `/metrics` in the Prometheus text format: requests by route and status, latency histograms, the
 * job queue's depth and age per job, the webhook backlog, the database pool, and the process's own
 * figures (memory, event-loop lag, GC). Each app has its own registry (tests build several apps in
 * one process). The figures are operational, never personal (a route's pattern, not its URL), but
 * they describe the deployment: without METRICS_TOKEN only loopback may read them.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'vmeste_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vmeste_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobSchema = ctx.database.schema === 'public' ? 'pgboss' : `pgboss_${ctx.database.schema}`;
  // A registry serialises its metrics in the order they were made, so each group is read by the
  // collect() of its first gauge and the others are set from it before they are written.
  const queueActive = new Gauge({
    name: 'vmeste_job_queue_active',
    // One database for all workers: summing the workers' readings would count it N times.
    aggregator: 'first',
    help: 'Jobs running, per queue',
    labelNames: ['queue'] as const,
    registers: [],
  });
  const queueAge = new Gauge({
    name: 'vmeste_job_queue_oldest_waiting_seconds',
    // One database for all workers: summing the workers' readings would count it N times.
    aggregator: 'first',
    help: 'How long the oldest due job has waited, per queue',
    labelNames: ['queue'] as const,
    registers: [],
  });
  new Gauge({
    name: 'vmeste_job_queue_waiting',
    // One database for all workers: summing the workers' readings would count it N times.
    aggregator: 'first',
    help: 'Jobs due and waiting for a worker, per queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const gauges = await queueGauges(ctx.db, jobSchema);
      for (const g of [this, queueActive, queueAge]) g.reset();
      for (const q of gauges) {
        this.set({ queue: q.name }, q.waiting);
        queueActive.set({ queue: q.name }, q.active);
        queueAge.set({ queue: q.name }, q.oldestWaitingSeconds);
      }
    },
  });
  registry.registerMetric(queueActive);
  registry.registerMetric(queueAge);
  const outboxAge = new Gauge({
    name: 'vmeste_webhook_backlog_oldest_seconds',
    // One database for all workers: summing the workers' readings would count it N times.
    aggregator: 'first',
    help: 'Age of the oldest outbox row, and how overdue the most overdue pending delivery is',
    labelNames: ['stage'] as const,
    registers: [],
  });
  new Gauge({
    name: 'vmeste_webhook_backlog',
    // One database for all workers: summing the workers' readings would count it N times.
    aggregator: 'first',
    help: 'Webhook events not yet sent: outbox rows not fanned out, deliveries pending',
    labelNames: ['stage'] as const,
    registers: [registry],
    async collect() {
      const g = await outboxGauge(ctx.db);
      this.set({ stage: 'outbox' }, g.outbox);
      this.set({ stage: 'delivery' }, g.pendingDeliveries);
      outboxAge.set({ stage: 'outbox' }, g.oldestOutboxSeconds);
      outboxAge.set({ stage: 'delivery' }, g.oldestDueDeliverySeconds);
    },
  });
  registry.registerMetric(outboxAge);
  const stats = ctx.database.poolStats;
  if (stats)
    new Gauge({
      name: 'vmeste_db_pool_connections',
      help: 'Database pool: its size (max), connections open, idle, and queries waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: 'max' }, s.max);
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });

  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern (`/api/v1/reports/:id`), never the URL: bounded labels, no ids.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
    if (!mayRead(request, ctx.config.metricsToken)) throw new AppError('not_found');
    // In `serve --workers N`, the whole node's figures (every worker's), gathered by the primary.
    const text = (await clusterMetrics()) ?? (await registry.metrics());
    return reply.type(registry.contentType).send(text);
  });
  joinClusterMetrics(registry);
  return registry;
}

/** The token, when one is configured; otherwise a connection from this machine (not X-Forwarded-For). */
function mayRead(request: FastifyRequest, token: string | undefined): boolean {
  if (token) return request.headers.authorization === `Bearer ${token}`;
  const peer = request.socket.remoteAddress ?? '';
  return peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
}
