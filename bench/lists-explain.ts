/**
 * `npm run bench -- lists --reuse --explain`: EXPLAIN (ANALYZE, BUFFERS) of every statement each list
 * runs, on the region's data set — the statements as the services build them (recorded from the
 * executor), with their parameters. Prints each plan and whether it scans `reports` sequentially.
 */
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type Db, openPostgres, queryRows } from '../src/db/connection.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { Actor } from '../src/modules/identity/index.ts';
import { listRequestRows } from '../src/modules/open311/index.ts';
import { listReports, type ReportsDeps } from '../src/modules/reports/index.ts';
import { listReportsQuerySchema } from '../src/modules/reports/reports.schemas.ts';

const dialect = new PgDialect();

type Statement = { sql: string; params: unknown[] };
type Session = { prepareQuery(query: Statement, ...rest: unknown[]): unknown };

/**
 * The database, with every statement it is given recorded as SQL text and parameters: those run
 * through `execute` and those built first and run through the session (the counts, the named lists).
 */
function recording(db: Db, into: Statement[]): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'execute')
        return (query: Parameters<Db['execute']>[0]) => {
          into.push(dialect.sqlToQuery(query as Parameters<PgDialect['sqlToQuery']>[0]));
          return target.execute(query);
        };
      if (prop === '_') {
        const internals = Reflect.get(target, prop, receiver) as { session: Session };
        const session = internals.session;
        return {
          ...internals,
          session: {
            prepareQuery: (query: Statement, ...rest: unknown[]) => {
              into.push({ sql: query.sql, params: query.params });
              return session.prepareQuery(query, ...rest);
            },
          },
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function explainLists(url: string, generic = false): Promise<void> {
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = database.db;
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(db, q))[0]!;
  const userOf = async (where: ReturnType<typeof sql>): Promise<Actor> => {
    const u = await one<{
      id: string;
      role: Actor['role'];
      organisationId: string | null;
      territoryId: string | null;
    }>(
      sql`SELECT id, role, organisation_id AS "organisationId", territory_id AS "territoryId" FROM users WHERE ${where}
          ORDER BY created_at DESC LIMIT 1`,
    );
    return u;
  };
  const author = await userOf(sql`email = 'gen-author-1@example.org'`);
  const moderator = await userOf(sql`email LIKE 'bench-lists-moderator-%'`);
  const curator = await userOf(sql`email LIKE 'bench-lists-curator-%'`);
  const operator = await userOf(sql`email LIKE 'bench-lists-operator-%'`);
  const topic = await one<{ id: string }>(
    sql`SELECT id FROM categories WHERE parent_id IS NULL ORDER BY code LIMIT 1`,
  );
  const subject = await one<{ id: string; code: string }>(
    sql`SELECT id, code FROM categories WHERE parent_id IS NOT NULL ORDER BY code LIMIT 1`,
  );
  const district = await one<{ id: string }>(
    sql`SELECT id FROM territories WHERE kind = 'district' ORDER BY code LIMIT 1`,
  );
  const deep = await one<{ at: string; n: number }>(
    sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, number AS n
        FROM reports WHERE is_public AND kind = 'report' AND status = 'resolved' AND number % 997 = 0
        ORDER BY number LIMIT 1
        -- the hundredth such row at 1,000,000 reports; the middle one in a smaller data set
        OFFSET (SELECT least(100, count(*) / 2) FROM reports
                WHERE is_public AND kind = 'report' AND status = 'resolved' AND number % 997 = 0)`,
  );
  const cursor = Buffer.from(JSON.stringify({ at: deep.at, n: Number(deep.n) })).toString('base64url');
  const cases: { name: string; actor: Actor | null; query: string }[] = [
    {
      name: 'public: topic + status',
      actor: null,
      query: `category=${topic.id}&status=in_progress&pageSize=25`,
    },
    {
      name: 'public: subject + district',
      actor: null,
      query: `category=${subject.id}&territory=${district.id}&pageSize=25`,
    },
    { name: 'public: bbox', actor: null, query: 'bbox=30.30,59.92,30.36,59.94&pageSize=25' },
    { name: 'public: page 20', actor: null, query: 'page=20&pageSize=25' },
    { name: 'public: deep keyset page', actor: null, query: `cursor=${cursor}&pageSize=25` },
    { name: 'my reports (heavy author)', actor: author, query: 'queue=mine&pageSize=25' },
    { name: 'resident: public list by topic', actor: author, query: `category=${topic.id}&pageSize=25` },
    { name: 'queue: moderation', actor: moderator, query: 'queue=moderation&pageSize=25' },
    { name: 'queue: review', actor: moderator, query: 'queue=review&pageSize=25' },
    { name: 'queue: curator', actor: curator, query: 'queue=curator&pageSize=25' },
    {
      name: 'queue: organisation (and the inbound API)',
      actor: operator,
      query: 'queue=organisation&pageSize=25',
    },
    { name: 'search (visitor): яма', actor: null, query: `q=${encodeURIComponent('яма')}&pageSize=25` },
    {
      name: 'search (resident): снег двор',
      actor: author,
      query: `q=${encodeURIComponent('снег двор')}&pageSize=25`,
    },
    // A rare word (about 0.5 % of reports), a word with a topic it seldom meets, and staff who see all.
    {
      name: 'search (visitor): снег двор',
      actor: null,
      query: `q=${encodeURIComponent('снег двор')}&pageSize=25`,
    },
    {
      name: 'search (resident, topic): свалка',
      actor: author,
      query: `q=${encodeURIComponent('свалка')}&category=${topic.id}&pageSize=25`,
    },
    {
      name: 'search (moderator): яма',
      actor: moderator,
      query: `q=${encodeURIComponent('яма')}&pageSize=25`,
    },
    {
      name: 'search (curator): снег двор',
      actor: curator,
      query: `q=${encodeURIComponent('снег двор')}&pageSize=25`,
    },
  ];
  const explain = async (name: string, statement: { sql: string; params: unknown[] }) => {
    const { rows } = generic
      ? await genericPlan(pool, statement)
      : await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
    const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    const seq = /Seq Scan on reports\b/.test(plan);
    console.log(
      `\n=== ${name}: ${seq ? 'SEQUENTIAL SCAN of reports' : 'no sequential scan of reports'}\n${plan}`,
    );
  };
  for (const c of cases) {
    const recorded: { sql: string; params: unknown[] }[] = [];
    const deps = { db: recording(db, recorded), clock: systemClock } as unknown as ReportsDeps;
    await listReports(
      deps,
      c.actor,
      listReportsQuerySchema.parse(Object.fromEntries(new URLSearchParams(c.query))),
    );
    for (const [i, statement] of recorded.entries())
      await explain(`${c.name} [${i + 1}/${recorded.length}]`, statement);
  }
  const month = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
  const open311Cases: [string, Parameters<typeof listRequestRows>[2]][] = [
    ['Open311 requests (service_code, 30 days)', { serviceCodes: [subject.code], ...month }],
    ['Open311 requests (30 days)', month],
  ];
  for (const [name, filters] of open311Cases) {
    const recorded: Statement[] = [];
    await listRequestRows(recording(db, recorded), null, filters, 50, 0);
    for (const statement of recorded) await explain(name, statement);
  }
  await pool.end();
  await database.close();
}

/**
 * The plan PostgreSQL keeps for a named statement once it settles on a generic one: the statement
 * prepared, then executed under `force_generic_plan` (what a named statement runs after its fifth
 * call when the generic plan's estimate is no worse than the custom plans').
 */
async function genericPlan(pool: pg.Pool, statement: { sql: string; params: unknown[] }) {
  const client = await pool.connect();
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE generic_plan AS ${statement.sql}`);
    // EXECUTE takes its values as expressions, not as bound parameters: written as literals.
    const args = statement.params
      .map((v) => (v === null ? 'NULL' : client.escapeLiteral(String(v))))
      .join(', ');
    return await client.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE generic_plan${args ? `(${args})` : ''}`);
  } finally {
    await client.query('DEALLOCATE ALL');
    await client.query('RESET plan_cache_mode');
    client.release();
  }
}
