import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Extension, PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { pgliteClientForDrizzle } from './pglite-prepared.ts';

/**
 * Drizzle without its relational query API (`db.query.…`, never used here): given the schema, it
 * built a query builder for each of the ~100 tables at every transaction's start — 2–3 % of an
 * action's CPU under load (docs/performance.md). Tables are imported from src/db/schema directly.
 */
type NoRelations = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoRelations>;
export type Tx = PgTransaction<PgQueryResultHKT, NoRelations, ExtractTablesWithRelations<NoRelations>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export type Database = {
  engine: Engine;
  db: Db;
  /** The region's schema: first on the search path, where every table lives. */
  schema: string;
  /** Runs a multi-statement SQL script (migrations, extensions). */
  execScript(sql: string): Promise<void>;
  /**
   * Plain SQL for libraries that bring their own (the job queue). A multi-statement text without
   * parameters returns the rows of every statement, as node-postgres does.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The connection pool's state, where there is one (PostgreSQL), for /metrics. */
  poolStats?: () => { max: number; total: number; idle: number; waiting: number };
  close(): Promise<void>;
};

export type ConnectOptions = {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A dumped PGlite data directory to start from (tests load a migrated template). */
  loadDataDir?: Blob | File;
  /**
   * A PostGIS bundle (.tar.gz) to load instead of the package's own: the tests use one without the
   * extensions the app never creates, because PGlite unpacks and compiles the whole bundle per instance.
   */
  postgisBundle?: string;
  schema: string;
  poolSize?: number;
};

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The extension, loaded from another bundle file (see ConnectOptions.postgisBundle). */
export function withBundle(extension: Extension, bundle: string): Extension {
  return {
    name: extension.name,
    setup: async (pg, emscriptenOpts, clientOnly) => ({
      ...(await extension.setup(pg, emscriptenOpts, clientOnly)),
      bundlePath: pathToFileURL(bundle),
    }),
  };
}

export async function openPglite(opts: ConnectOptions): Promise<{ database: Database; client: PGlite }> {
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir,
    extensions: { postgis: opts.postgisBundle ? withBundle(postgis, opts.postgisBundle) : postgis, pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  return { database: await pgliteDatabase(client, opts.schema), client };
}

/**
 * The app's handle on an open embedded database, with the region's schema first on its search path
 * (the test suite gives one kept-open instance a new handle for each test file).
 */
export async function pgliteDatabase(client: PGlite, schema: string): Promise<Database> {
  await client.exec(`SET search_path TO ${quoteIdent(schema)}, public`);
  const db = drizzlePglite({ client: pgliteClientForDrizzle(client) }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    schema,
    execScript: async (sql) => {
      await client.exec(sql);
    },
    executeSql: async (text, values) => {
      // A turn of the event loop first: PGlite answers without waiting on I/O, so a library that runs
      // many statements in a row (the job queue starting, its maintenance) would otherwise keep the
      // server from answering requests until it is done.
      await new Promise((resolve) => setImmediate(resolve));
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.flatMap((r) => r.rows) };
    },
    close: () => client.close(),
  };
}

/**
 * A pg client runs one query at a time. Given another while one runs, pg 8 queues it itself but
 * warns that the queue is deprecated ("Calling client.query() when the client is already executing
 * a query"), and pg 9 refuses. A transaction is one client, and a `Promise.all` over its executor
 * sends several queries at once (the notification dispatcher's recipients, the answer checks, the
 * routing-rule checks did). Each pooled client therefore chains its promise-style queries here: a
 * query starts when the previous one on the same client has settled, as pg's own queue did, without
 * the warning. Callback and submittable queries (the pool's own `pool.query`, cursors) go straight
 * through: the pool hands them an idle client.
 */
function queueQueriesInOrder(client: pg.PoolClient): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  let previous: Promise<unknown> = Promise.resolve();
  let running = 0;
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function') return send(...args);
    // Idle: straight to the client, no extra turn of the event loop.
    const result = running === 0 ? Promise.resolve(send(...args)) : previous.then(() => send(...args));
    running++;
    previous = result.then(
      () => {
        running--;
      },
      () => {
        running--;
      },
    );
    return result;
  }) as typeof client.query;
}

export function openPostgres(opts: ConnectOptions & { databaseUrl: string }): {
  database: Database;
  pool: pg.Pool;
} {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 20,
    // Every table lives in the configured schema; extensions stay in public.
    options: `-c search_path=${quoteIdent(opts.schema)},public`,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', queueQueriesInOrder);
  const db = drizzlePg({ client: pool }) as unknown as Db;
  const database: Database = {
    engine: 'postgres',
    db,
    schema: opts.schema,
    execScript: async (sql) => {
      await pool.query(sql);
    },
    executeSql: async (text, values) => {
      const result = (await pool.query(text, values)) as unknown as pg.QueryResult | pg.QueryResult[];
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows };
    },
    poolStats: () => ({
      max: opts.poolSize ?? 20,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => pool.end(),
  };
  return { database, pool };
}

export async function openDatabase(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres({ ...opts, databaseUrl: opts.databaseUrl }).database;
  return (await openPglite(opts)).database;
}

/** Raw SQL with typed rows; both drivers return `{ rows }` (drizzle's generic type cannot say so). */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

type PreparingSession = {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    isResponseInArrayMode: boolean,
  ): { execute(placeholderValues?: Record<string, unknown>): Promise<unknown> };
};
type SessionInternals = {
  _: { session: PreparingSession };
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
};

/** A statement's text with its placeholders, and its values. */
export type RenderedStatement = { sql: string; params: unknown[] };

/** Renders a statement once, to look at its text before it runs (see statement-shapes.ts). */
export function renderStatement(exec: Executor, query: SQL): RenderedStatement {
  return (exec as unknown as SessionInternals).dialect.sqlToQuery(query);
}

/** A statement with its text and values built, and a key: equal keys, equal statements. */
export type BuiltStatement = RenderedStatement & { key: string };

/** Builds a statement once, for a cache of its answers keyed by it and then, on a miss, to run it. */
export function buildStatement(exec: Executor, query: SQL): BuiltStatement {
  const built = renderStatement(exec, query);
  return { ...built, key: JSON.stringify([built.sql, built.params]) };
}

/**
 * Runs a statement already built or rendered (not built again), unnamed like queryRows or named:
 * pg prepares a named one once per connection (see queryRowsPrepared; statement-shapes.ts names the
 * per-request texts worth keeping prepared; on the embedded database every statement run twice is
 * prepared whatever its name: pglite-prepared.ts). `values` fill its `sql.placeholder`s.
 */
export async function queryBuiltRows<T>(
  exec: Executor,
  statement: RenderedStatement,
  name?: string,
  values?: Record<string, unknown>,
): Promise<T[]> {
  const prepared = (exec as unknown as SessionInternals)._.session.prepareQuery(
    statement,
    undefined,
    name,
    false,
  );
  return ((await prepared.execute(values)) as { rows: T[] }).rows;
}

/**
 * Like queryRows, but as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call (measured on the intake statement: ~1,000 → ~2,000 runs/s).
 * Drizzle prepares named statements only for its query builder, so this reaches its session
 * through the same internal call the builder uses. The SQL text of a given name must never change
 * between calls (its parameters may).
 */
export function queryRowsPrepared<T>(exec: Executor, name: string, query: SQL): Promise<T[]> {
  return queryBuiltRows<T>(exec, renderStatement(exec, query), name);
}

/** SQL texts (with their placeholders) by statement name: built by Drizzle once per process. */
const builtStatements = new Map<string, { sql: string; params: unknown[] }>();

/**
 * Like queryRowsPrepared, for the hot paths (the report page, the actions): the statement is built
 * from Drizzle's `sql` once per name, with `sql.placeholder(key)` where the values go, and later
 * calls only fill the placeholders from `values` — Drizzle's query building (its `is` checks and
 * chunk walking over a statement of a hundred columns) was ~8 % of a busy server's CPU when it ran
 * on every request. As with queryRowsPrepared, one name must always mean one SQL text.
 */
export async function queryRowsBuiltOnce<T>(
  exec: Executor,
  name: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<T[]> {
  let query = builtStatements.get(name);
  if (!query) {
    query = renderStatement(exec, build());
    builtStatements.set(name, query);
  }
  return queryBuiltRows<T>(exec, query, name, values);
}
