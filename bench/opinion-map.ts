import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { systemClock } from '../src/lib/clock.ts';
import {
  computeInWorker,
  computeOpinionMap,
  loadMatrix,
  rebuildOpinionMap,
  type VoteCell,
} from '../src/modules/discussions/index.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { runLoad } from './load.ts';
import { recreateDatabase } from './postgres-databases.ts';

/*
 * Scenario "opinion-map" (`npm run bench -- opinion-map`): a large discussion — 5,000 participants ×
 * 300 statements, 40 % of the matrix voted, three latent opinion camps — is recomputed (load, PCA,
 * k-means, representative and consensus statements, save) while the event loop's delay is watched
 * (the computation runs in a worker thread), then votes are sent over HTTP to the full app.
 * Targets: recompute < 10 s, vote p95 < 20 ms.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const DB = 'vmeste_bench_opinion';
const PASSWORD = 'bench-password-1';

async function seed(url: string, participants: number, statements: number, density: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    const admin = await c.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, name, role) VALUES ('bench-admin@example.org', $1, 'Bench', 'admin') RETURNING id`,
      [hash],
    );
    const d = await c.query<{ id: string }>(
      `INSERT INTO discussions (title, body, opens_at, closes_at, opinion_map, created_by, created_at)
       VALUES ('Bench', 'Bench', now() - interval '1 day', now() + interval '30 days', true, $1, now()) RETURNING id`,
      [admin.rows[0]!.id],
    );
    const discussionId = d.rows[0]!.id;
    await c.query(
      `INSERT INTO users (email, password_hash, name, role)
       SELECT 'om-' || i || '@example.org', $1, 'Участник', 'resident' FROM generate_series(1, $2::int) i`,
      [hash, participants],
    );
    await c.query(
      `INSERT INTO opinion_statements (discussion_id, author_id, text, status, created_at)
       SELECT $1, $2, 'Утверждение ' || j, 'approved', now() FROM generate_series(1, $3::int) j`,
      [discussionId, admin.rows[0]!.id, statements],
    );
    // Three camps: a statement favoured by one camp is agreed by 80 % of it and disagreed by 70 % of
    // the others; 15 % of the votes are passes. Deterministic (setseed).
    await c.query('SELECT setseed(0.42)');
    await c.query(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'om-%'),
            s AS (SELECT id, row_number() OVER (ORDER BY text) AS n FROM opinion_statements WHERE discussion_id = $1),
            pairs AS (SELECT u.id AS uid, s.id AS sid, (u.n % 3) = (s.n % 3) AS favoured, random() AS r, random() AS q
                      FROM u CROSS JOIN s)
       INSERT INTO opinion_votes (statement_id, user_id, discussion_id, vote, voted_at)
       SELECT sid, uid, $1,
              CASE WHEN q < 0.15 THEN 0
                   WHEN favoured THEN CASE WHEN q < 0.83 THEN 1 ELSE -1 END
                   ELSE CASE WHEN q < 0.745 THEN -1 ELSE 1 END END,
              now()
       FROM pairs WHERE r < $2`,
      [discussionId, density],
    );
    await c.query('ANALYZE opinion_votes');
    const n = await c.query<{ n: string }>('SELECT count(*) AS n FROM opinion_votes');
    const ids = await c.query<{ id: string }>(
      'SELECT id FROM opinion_statements WHERE discussion_id = $1 ORDER BY text',
      [discussionId],
    );
    return { discussionId, votes: Number(n.rows[0]!.n), statementIds: ids.rows.map((r) => r.id) };
  } finally {
    await c.end();
  }
}

function startApp(url: string, port: number) {
  const child = fork(path.join(here, 'server.ts'), ['app', url, String(port), 'public'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<{ stop: () => Promise<void> }>((resolve, reject) => {
    child.once('message', () =>
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      }),
    );
    child.once('exit', (code) => reject(new Error(`app server exited with ${code}`)));
  });
}

const ms = (t0: number) => performance.now() - t0;

/** The longest the event loop went without running a 5 ms timer: how long requests would have waited. */
function watchLoop(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

export async function runOpinionMapBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      participants: { type: 'string', default: '5000' },
      statements: { type: 'string', default: '300' },
      density: { type: 'string', default: '0.4' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      port: { type: 'string', default: '3911' },
    },
  });
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('The benchmark runs against PostgreSQL: set DATABASE_URL=postgres://…');
  const participants = Number(values.participants);
  const statements = Number(values.statements);
  console.log(
    `Vmeste benchmark — opinion map, ${participants} participants × ${statements} statements at ${Number(values.density) * 100} %; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const url = await recreateDatabase(baseUrl, DB);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 4 });
  await migrate(database, 'public');
  await seedReference(database.db);
  let t0 = performance.now();
  const seeded = await seed(url, participants, statements, Number(values.density));
  console.log(`seeded ${seeded.votes} votes in ${(ms(t0) / 1000).toFixed(1)} s`);

  // The recomputation, phase by phase, with the event loop watched: the worker keeps it free.
  t0 = performance.now();
  const { matrix } = await loadMatrix(database.db, seeded.discussionId, 15);
  const loadMs = ms(t0);
  const stopWorkerWatch = watchLoop();
  t0 = performance.now();
  const result = await computeInWorker(matrix);
  const workerMs = ms(t0);
  const workerLoopMax = stopWorkerWatch();
  t0 = performance.now();
  await rebuildOpinionMap({ db: database.db, clock: systemClock, inWorker: true }, seeded.discussionId);
  const totalMs = ms(t0);
  // For comparison only: the same computation on the main thread blocks it for its whole length.
  const stopInlineWatch = watchLoop();
  await new Promise((r) => setTimeout(r, 10));
  t0 = performance.now();
  computeOpinionMap({
    participants: matrix.participants,
    statements: matrix.statements,
    minParticipants: 15,
    votes: Array.from(matrix.participantIdx, (p, k) => ({
      participant: p,
      statement: matrix.statementIdx[k]!,
      vote: matrix.vote[k]! as VoteCell,
    })),
  });
  const inlineMs = ms(t0);
  await new Promise((r) => setTimeout(r, 10));
  const inlineLoopMax = stopInlineWatch();
  console.log(
    `recompute: load ${loadMs.toFixed(0)} ms, compute in worker ${workerMs.toFixed(0)} ms (longest event-loop stall ${workerLoopMax.toFixed(1)} ms), whole rebuild ${totalMs.toFixed(0)} ms; inline compute ${inlineMs.toFixed(0)} ms (event loop blocked ${inlineLoopMax.toFixed(0)} ms)`,
  );
  console.log(
    `groups ${result.groups.map((g) => g.size).join(' / ')}, consensus ${result.consensus.length}, representative ${result.groups.map((g) => g.representative.length).join(' / ')}`,
  );
  await database.close();

  // Votes over HTTP: a resident voting on the 300 statements in turn (each vote an upsert).
  const port = Number(values.port);
  const app = await startApp(url, port);
  const session = await fetch(`http://127.0.0.1:${port}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'om-1@example.org', password: PASSWORD }),
  });
  const { token } = (await session.json()) as { token: string };
  const choices = ['agree', 'disagree', 'pass'] as const;
  const votes = await runLoad({
    port,
    method: 'PUT',
    path: (i) => `/api/v1/statements/${seeded.statementIds[i % seeded.statementIds.length]}/vote`,
    body: (i) => ({ vote: choices[i % 3] }),
    concurrency: Number(values.concurrency),
    seconds: Number(values.seconds),
    warmupSeconds: Number(values.warmup),
    maxRequests: 2_000_000,
    headers: { authorization: `Bearer ${token}` },
  });
  await app.stop();
  console.log(
    `vote (concurrency ${values.concurrency}): ${votes.throughput.toFixed(0)} req/s, p50 ${votes.p50.toFixed(1)} ms, p95 ${votes.p95.toFixed(1)} ms, p99 ${votes.p99.toFixed(1)} ms, errors ${votes.errors}/${votes.requests}`,
  );
  console.log(
    `targets: recompute < 10 s ${totalMs < 10_000 ? 'met' : 'NOT met'}; vote p95 < 20 ms ${votes.p95 < 20 ? 'met' : 'NOT met'}`,
  );
}
