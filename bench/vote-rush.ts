/**
 * Scenario "rating vote rush" (`npm run bench -- vote-rush`): residents send their ballots for one
 * rating vote as fast as the server takes them (each request a resident's own session; residents
 * come round again, so many ballots replace an earlier one). Reports ballots/s and latency
 * percentiles, then checks that the results equal a recount of the stored ballots and that nobody
 * holds two.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startProgress } from '../src/cli/progress.ts';
import { sha256 } from '../src/lib/tokens.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { BENCH_PASSWORD, freshDatabase, json, line, startServer, withSchema } from './harness.ts';
import { runLoad } from './load.ts';

const ITEMS = 50;
const MAX_CHOICES = 5;

export async function runVoteRushBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '64' },
      residents: { type: 'string', default: '5000' },
      port: { type: 'string', default: '3911' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl)
    throw new Error(
      'The rating vote rush runs against PostgreSQL: set DATABASE_URL (it creates and drops vmeste_bench).',
    );
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const concurrency = Number(values.concurrency);
  const residentCount = Number(values.residents);
  const port = Number(values.port);
  console.log(
    `Vmeste benchmark — rating vote rush, concurrency ${concurrency}, ${residentCount} residents, ${ITEMS} items, N = ${MAX_CHOICES}, ${seconds} s (+${warmupSeconds} s warm-up); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const url = await freshDatabase(baseUrl);
  const { stop } = await startServer('app', url, port);
  try {
    const admin = `bench-admin-${Date.now()}@example.org`;
    const tokens = await withSchema(url, 'public', async (c) => {
      await c.query(
        `INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, 'Bench Admin', 'admin')`,
        [admin, await hashPassword(BENCH_PASSWORD)],
      );
      // Residents and their sessions written directly: signing in thousands through argon2 would be the benchmark.
      const users = await c.query<{ id: string }>(
        `INSERT INTO users (email, password_hash, name)
         SELECT 'bench-voter-' || g || '@example.org', 'not-a-password-hash', 'Bench Voter'
         FROM generate_series(1, $1::int) g RETURNING id`,
        [residentCount],
      );
      const secrets = users.rows.map(() => randomBytes(32).toString('base64url'));
      await c.query(
        `INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at)
         SELECT s.id, s.user_id, 'csrf', now(), now() + interval '1 day'
         FROM unnest($1::text[], $2::uuid[]) AS s(id, user_id)`,
        [secrets.map(sha256), users.rows.map((u) => u.id)],
      );
      return secrets;
    });
    const session = await json<{ token: string }>(port, 'POST', '/api/v1/session?mode=token', {
      email: admin,
      password: BENCH_PASSWORD,
    });
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const vote = await json<{ id: string }>(
      port,
      'POST',
      '/api/v1/votes',
      {
        title: 'Bench: road repair vote',
        proposals: { opensAt: at(-3 * hour), closesAt: at(-2 * hour) },
        voting: { opensAt: at(-hour), closesAt: at(24 * hour) },
        maxChoices: MAX_CHOICES,
      },
      { authorization: `Bearer ${session.token}` },
    );
    // The items as staff would have added them before voting opened.
    const itemIds = await withSchema(url, 'public', async (c) => {
      const r = await c.query<{ id: string }>(
        `INSERT INTO vote_items (vote_id, title, description, photo_ids, source, status, created_at)
         SELECT $1, 'Road section ' || g, '', '{}', 'staff', 'approved', now() FROM generate_series(1, ${ITEMS}) g
         RETURNING id`,
        [vote.id],
      );
      return r.rows.map((x) => x.id);
    });

    const choice = (i: number) => {
      const out = new Set<string>();
      for (let k = 0; out.size < 1 + (i % MAX_CHOICES); k++) out.add(itemIds[(i * 7 + k * 11) % ITEMS]!);
      return [...out];
    };
    const progress = startProgress({
      label: 'rating vote rush',
      unit: 'requests',
      total: seconds + warmupSeconds,
      quiet: values.quiet,
    });
    const result = await runLoad({
      port,
      method: 'PUT',
      path: `/api/v1/votes/${vote.id}/ballot`,
      concurrency,
      seconds,
      warmupSeconds,
      maxRequests: 2_000_000,
      headers: {},
      requestHeaders: (i) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` }),
      body: (i) => ({ itemIds: choice(i) }),
      onProgress: (sent, elapsed) => progress.update(sent, elapsed),
    });
    progress.stop();

    const results = await json<{ ballots: number; items: { itemId: string; count: number }[] }>(
      port,
      'GET',
      `/api/v1/votes/${vote.id}/results`,
    );
    const check = await withSchema(url, 'public', async (c) => {
      const recount = await c.query<{ id: string; n: number }>(
        `SELECT i.id, count(*)::int AS n FROM vote_ballots b, unnest(b.item_ids) AS i(id) WHERE b.vote_id = $1 GROUP BY i.id`,
        [vote.id],
      );
      const holders = await c.query<{ ballots: number; people: number }>(
        `SELECT count(*)::int AS ballots, count(DISTINCT user_id)::int AS people FROM vote_ballots WHERE vote_id = $1`,
        [vote.id],
      );
      return { recount: new Map(recount.rows.map((r) => [r.id, r.n])), ...holders.rows[0]! };
    });
    const countsMatch = results.items.every((r) => r.count === (check.recount.get(r.itemId) ?? 0));
    const oneEach = check.ballots === check.people;
    console.log(line('rating vote rush', result).replace('req/s', 'ballots/s'));
    console.log(
      `recount: ${countsMatch ? 'results equal the recount' : 'MISMATCH'}; ${check.ballots} ballots from ${check.people} residents (${oneEach ? 'one each' : 'DUPLICATES'}); target ≥ 1500 ballots/s ${result.throughput >= 1500 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      JSON.stringify({ scenario: 'rating vote rush', concurrency, seconds, result, countsMatch, oneEach }),
    );
    if (!countsMatch || !oneEach) process.exitCode = 1;
  } finally {
    await stop();
  }
}
