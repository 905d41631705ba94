/**
 * A server process for the benchmark (the load generator runs in another process so that both do not
 * share one event loop): `app` is the full Vmeste application, `bare` the baselines — bare Fastify
 * routes over one pool of the app's size: one parameterised INSERT (`POST /bare`), one report row by
 * primary key (`GET /bare/read/:id`), and a plain indexed page of 25 reports by category and status,
 * newest first (`GET /bare/page?category=&status=`). `pglite` is the application on the embedded
 * database, whose data directory is given in place of the URL.
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/connection.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';

const [mode, databaseUrl, port, schema = 'public'] = process.argv.slice(2);
if (!mode || !databaseUrl || !port)
  throw new Error('usage: server.ts app|bare|pglite DATABASE_URL|DATA_DIR PORT [DB_SCHEMA]');

async function startApp() {
  const config = loadConfig({
    ...(mode === 'pglite' ? {} : { DATABASE_URL: databaseUrl }),
    DATA_DIR: process.env.BENCH_DATA_DIR ?? './data/bench',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
    REQUIRE_EMAIL_CONFIRMATION: 'false',
    DB_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '16',
    DB_SCHEMA: schema,
  });
  const database =
    mode === 'pglite'
      ? (await openPglite({ dataDir: databaseUrl!, schema })).database
      : openPostgres({ databaseUrl: databaseUrl!, schema, poolSize: config.dbPoolSize }).database;
  const app = await buildApp(config, { database, logger: false });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
}

async function startBare() {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.BENCH_POOL_SIZE ?? 16) });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), category_id uuid NOT NULL, text text NOT NULL,
    location geometry(Point, 4326) NOT NULL, address text, created_at timestamptz NOT NULL DEFAULT now())`);
  const app = Fastify({ logger: false });
  app.post('/bare', async (request, reply) => {
    const b = request.body as {
      categoryId: string;
      text: string;
      lat: number;
      lon: number;
      address?: string;
    };
    const { rows } = await pool.query(
      'INSERT INTO bench_bare (category_id, text, location, address) VALUES ($1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5) RETURNING id',
      [b.categoryId, b.text, b.lon, b.lat, b.address ?? null],
    );
    return reply.status(201).send({ id: rows[0].id });
  });
  // What the report page's figure is measured against: the row alone, by its primary key.
  app.get('/bare/read/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { rows } = await pool.query(
      `SELECT id, number, kind, status, category_id, text, address, is_public, created_at, updated_at,
              ST_Y(location) AS lat, ST_X(location) AS lon
         FROM reports WHERE id = $1`,
      [id],
    );
    return rows[0] ? rows[0] : reply.status(404).send({});
  });
  // What a list's figure is measured against: one page through whatever index serves it.
  app.get('/bare/page', async (request) => {
    const q = request.query as { category: string; status: string };
    const { rows } = await pool.query(
      `SELECT id, number, status, text, address, created_at FROM reports
        WHERE category_id = $1 AND status = $2 ORDER BY created_at DESC LIMIT 25`,
      [q.category, q.status],
    );
    return { items: rows };
  });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
}

/**
 * BENCH_WORKERS=N (PostgreSQL) serves the application and the baselines alike from N processes on one
 * port, as `vmeste serve --workers N` does in production: one Node process is one core, and on this
 * 2-core machine a single server process saturates its core while PostgreSQL and the load generator
 * share the other. Each process has its own pool of BENCH_POOL_SIZE connections.
 */
const workers = mode === 'pglite' ? 1 : Number(process.env.BENCH_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < workers; i++) {
      const worker = cluster.fork();
      worker.once('listening', () => {
        listening += 1;
        if (listening === workers) resolve();
      });
      worker.once('exit', (code) => {
        if (listening < workers) reject(new Error(`bench worker exited with ${code}`));
      });
    }
  });
  process.send?.('ready');
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 500);
  });
} else {
  await (mode === 'bare' ? startBare() : startApp());
  process.send?.('ready');
  // Exit cleanly on SIGTERM so `--cpu-prof` runs can write their profile.
  process.once('SIGTERM', () => process.exit(0));
}
