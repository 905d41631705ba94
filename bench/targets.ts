import type pg from 'pg';
import { hashPassword } from '../src/modules/identity/index.ts';
import { createStaff, type Staff } from './actions.ts';
import { BENCH_PASSWORD, json, startServer, withSchema } from './harness.ts';

/** The app under test on one database, with the signed-in accounts the scenarios act as, and its data reset between runs. */

export type Target = {
  name: string;
  url: string;
  schema: string;
  port: number;
  stop: () => Promise<void>;
  /** The server's process, for its CPU per request (bench/cpu.ts). */
  pid: number | undefined;
  token: string;
  moderatorToken: string;
  staff: Staff;
};

async function signIn(port: number, email: string): Promise<string> {
  const session = await json<{ token: string }>(port, 'POST', '/api/v1/session?mode=token', {
    email,
    password: BENCH_PASSWORD,
  });
  return session.token;
}

/** Starts the app on one database and signs a resident and a moderator in, for the scenarios. */
export async function openTarget(name: string, url: string, port: number, schema: string): Promise<Target> {
  const { stop, pid } = await startServer('app', url, port, schema);
  const email = `bench-${Date.now()}@example.org`;
  await json(port, 'POST', '/api/v1/users', { email, password: BENCH_PASSWORD, name: 'Bench Resident' });
  // Staff accounts are made by an administrator, not by sign-up: the bench writes its moderator directly.
  const moderator = `bench-moderator-${Date.now()}@example.org`;
  await withSchema(url, schema, (c) =>
    hashPassword(BENCH_PASSWORD).then((hash) =>
      c.query(
        `INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, 'Bench Moderator', 'moderator')`,
        [moderator, hash],
      ),
    ),
  );
  const moderatorToken = await signIn(port, moderator);
  const staff = await withSchema(url, schema, (c) =>
    createStaff(
      async (text, values) => (await c.query(text, values)).rows,
      (e) => signIn(port, e),
      BENCH_PASSWORD,
      moderatorToken,
    ),
  );
  return { name, url, schema, port, stop, pid, token: await signIn(port, email), moderatorToken, staff };
}

/**
 * The same starting state for every intake run: no reports (nor what hangs on them: events, links,
 * followers…), no audit rows and no notices. The report numbers go on (no sequence restart: Citus).
 *
 * The tables are left as TRUNCATE leaves them — size unknown to the planner, as in a new region —
 * and deliberately not analysed: statistics that say "empty" make the planner trust the table's size
 * at planning time, and the plans each connection caches at a round's first requests (the foreign-key
 * checks of the events on `reports`, the similar-report look-up) were sequential scans that then read
 * a table growing to 20,000 rows until autovacuum's next analyse: 9,325 scans and 83 million rows in
 * one round (docs/performance.md, "Twentieth session"). No region is ever in that state (autovacuum
 * first analyses a table after 50 changes), so the rounds measured an artefact of this reset.
 */
export function clearIntakeState(target: Target): Promise<void> {
  return withSchema(target.url, target.schema, async (c) => {
    await c.query('TRUNCATE reports, audit_log CASCADE');
    await clearNoticesWith(c);
  });
}

export function clearNotices(target: Target): Promise<void> {
  return withSchema(target.url, target.schema, clearNoticesWith);
}

async function clearNoticesWith(c: pg.Client): Promise<void> {
  await c.query('TRUNCATE notices CASCADE');
  await c.query('ANALYZE notices');
}

/** Every report's id, in filing order: the report-page scenario reads them in turn. */
export function reportIds(url: string, schema: string): Promise<string[]> {
  return withSchema(url, schema, async (c) => {
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM reports ORDER BY number`);
    return rows.map((r) => r.id);
  });
}

/** The commonest (category, status) pair: the bare page baseline's filter. */
export function commonPage(url: string): Promise<{ category: string; status: string }> {
  return withSchema(url, 'public', async (c) => {
    const { rows } = await c.query<{ category: string; status: string }>(
      `SELECT category_id AS category, status FROM reports GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
    );
    return rows[0]!;
  });
}
