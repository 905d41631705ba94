import pg from 'pg';
import { type Database, openPostgres } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedReference } from '../../src/db/seed/reference.ts';

/**
 * The suite's Citus mode (VMESTE_TEST_CITUS=1, DATABASE_URL = a coordinator; .ci/citus.sh): every test
 * file gets a distributed schema of its own while it runs — migrated from scratch as a region is
 * created in production, or one a closed file of the same worker left and that was emptied since —
 * because a database copied from a template would hold no distributed schema at all; its reference
 * data is copied from a template region seeded once per worker process.
 */
export const CITUS_SCHEMA_PREFIX = 'vmeste_t';

/** Names this run's schemas, so that two runs on one cluster never drop each other's. */
export function citusRunPrefix(): string {
  return `${CITUS_SCHEMA_PREFIX}${process.pid}_`;
}

export function citusTestMode(): boolean {
  return process.env.VMESTE_TEST_CITUS === '1';
}

/** Refuses to run "on Citus" against a database that is not a Citus coordinator with workers. */
export async function checkCoordinator(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string | null; workers: number }>(
      `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus') AS version,
              (SELECT count(*)::int FROM pg_dist_node WHERE shouldhaveshards AND noderole = 'primary') AS workers`,
    );
    const { version, workers } = rows[0]!;
    if (!version || workers < 1) throw new Error(`${url} is not a Citus coordinator with workers`);
    return `Citus ${version}, ${workers} workers`;
  } catch (err) {
    throw new Error(
      `VMESTE_TEST_CITUS=1 needs DATABASE_URL to point at a Citus coordinator (.ci/citus.sh cluster): ${
        err instanceof Error ? err.message : String(err)
      }`,
    );
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A seeded region schema to copy reference data from, and how to copy it (computed once). */
type Template = { schema: string; tables: { name: string; columns: string; serials: string[] }[] };
const templates = new Map<string, Promise<Template>>();

/**
 * One template region per worker process: migrated and seeded once (argon2 hashes of the demo
 * accounts, a statement per row), then read by every file's copy. The tables the seed filled, in
 * foreign-key order, with their insertable columns (generated ones left out) and their
 * identity/serial columns, whose sequences must follow the copied ids.
 */
function seededTemplate(url: string, prefix: string): Promise<Template> {
  const key = `${url} ${prefix}`;
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const schema = `${prefix}tpl${process.pid}`;
      const { database } = openPostgres({ databaseUrl: url, schema, poolSize: 2 });
      try {
        await migrate(database, schema);
        await seedReference(database.db);
      } finally {
        await database.close();
      }
      return { schema, tables: await filledTables(url, schema) };
    })();
    templates.set(key, template);
    // A failed template is not kept: the next file tries again instead of failing with it.
    template.catch(() => templates.delete(key));
  }
  return template;
}

async function filledTables(url: string, schema: string): Promise<Template['tables']> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; columns: string; serials: string[] | null }>(
      `SELECT c.relname AS name,
              string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns,
              array_agg(a.attname ORDER BY a.attnum) FILTER (
                WHERE a.attidentity <> '' OR pg_get_serial_sequence(quote_ident($1) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL) AS serials
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r' AND c.relname <> 'vmeste_migrations'
       GROUP BY c.relname`,
      [schema],
    );
    const { rows: refs } = await client.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       WHERE k.contype = 'f' AND c.relnamespace = $1::regnamespace AND c.oid <> p.oid`,
      [schema],
    );
    const filled: typeof rows = [];
    for (const r of rows) {
      const { rows: any } = await client.query(`SELECT 1 FROM "${schema}"."${r.name}" LIMIT 1`);
      if (any.length > 0) filled.push(r);
    }
    // Parents before children, so every foreign key finds its row.
    const ordered: Template['tables'] = [];
    const placed = new Set<string>();
    const place = (name: string, path: Set<string>) => {
      if (placed.has(name) || path.has(name)) return;
      path.add(name);
      for (const ref of refs) if (ref.child === name) place(ref.parent, path);
      const table = filled.find((t) => t.name === name);
      if (table) ordered.push({ name, columns: table.columns, serials: table.serials ?? [] });
      placed.add(name);
    };
    for (const t of filled) place(t.name, new Set());
    return ordered;
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Region schemas of this worker process's closed test files, emptied, for the next file to take:
 * migrating a distributed schema costs ~2.4 s of the cluster (every DDL statement goes to the worker
 * in two phases), emptying one ~0.2 s (see truncateRegion).
 */
const emptied: string[] = [];

/**
 * A fresh region for one test file: a distributed schema — an emptied one a closed file left, or a
 * new one migrated — with the demo region's reference data copied from the worker's template (a
 * distributed schema cannot be copied whole, and `CREATE TABLE … (LIKE …)` would leave out foreign
 * keys, triggers and functions).
 */
export async function openCitusTestDatabase(url: string, prefix: string): Promise<Database> {
  const template = await seededTemplate(url, prefix);
  const reused = emptied.pop();
  const schema = reused ?? `${prefix}f${process.pid}_${counter++}`;
  const { database } = openPostgres({ databaseUrl: url, schema, poolSize: 5 });
  if (!reused) await migrate(database, schema);
  await withClient(url, async (client) => {
    for (const t of template.tables) {
      // Rows the migrations already wrote (the same in both schemas) are kept.
      await client.query(
        `INSERT INTO "${schema}"."${t.name}" (${t.columns}) OVERRIDING SYSTEM VALUE
         SELECT ${t.columns} FROM "${template.schema}"."${t.name}" ON CONFLICT DO NOTHING`,
      );
      for (const column of t.serials) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max("${column}") AS m FROM "${schema}"."${t.name}") x
           WHERE m IS NOT NULL`,
          [`"${schema}"."${t.name}"`, column],
        );
      }
    }
    // As the seed does: without statistics PostGIS plans the district look-up ~40× slower.
    await client.query(`ANALYZE ${template.tables.map((t) => `"${schema}"."${t.name}"`).join(', ')}`);
  });
  return emptiedWhenClosed(database, url, schema);
}

/**
 * Once the file's app has closed its pool, the schema is emptied as a new region is — every table
 * but the migrations' record, sequences restarted — and its job queue's schema dropped (the next
 * app installs it anew), then offered to the next file. A schema that cannot be emptied is left for
 * the run's teardown to drop.
 */
function emptiedWhenClosed(database: Database, url: string, schema: string): Database {
  let closing: Promise<void> | null = null;
  const empty = () =>
    withClient(url, async (coordinator) => {
      await truncateRegion(coordinator, url, schema);
      await coordinator.query(`DROP SCHEMA IF EXISTS "pgboss_${schema}" CASCADE`);
    });
  return {
    ...database,
    close: () => {
      closing ??= database.close().then(() =>
        empty().then(
          () => void emptied.push(schema),
          () => undefined,
        ),
      );
      return closing;
    },
  };
}

/**
 * Truncates the region's tables on the worker that holds them, in one statement. Through the
 * coordinator a TRUNCATE of the ~100 tables of a distributed schema became one distributed command
 * per table: 0.75 s of wall time a file, the largest share of the cluster's CPU in the Citus suite
 * (pg_stat_statements: 98 s of the coordinator's and 62 s of the worker's statement time in a run,
 * more than the tests' own statements). On the worker, with Citus's guard on direct shard changes
 * lifted for that session, the same TRUNCATE takes 0.2 s; the coordinator's and the worker's
 * sequences of the schema are then set back to their start. A schema spread over several nodes
 * (never made by this harness) or a worker this URL's credentials cannot reach is truncated through
 * the coordinator as before.
 */
async function truncateRegion(coordinator: pg.Client, url: string, schema: string): Promise<void> {
  const { rows: shards } = await coordinator.query<{ shard: string; host: string; port: number }>(
    `SELECT s.shard_name::text AS shard, s.nodename AS host, s.nodeport AS port
       FROM citus_shards s JOIN pg_class c ON c.oid = s.table_name
      WHERE c.relnamespace = $1::regnamespace AND c.relname <> 'vmeste_migrations'`,
    [schema],
  );
  const [first] = shards;
  const onOneWorker = first && shards.every((s) => s.host === first.host && s.port === first.port);
  if (!onOneWorker || !(await truncatedOnWorker(url, first, shards, schema))) {
    const { rows } = await coordinator.query<{ list: string }>(
      `SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') AS list FROM pg_tables
        WHERE schemaname = $1 AND tablename <> 'vmeste_migrations'`,
      [schema],
    );
    await coordinator.query(`TRUNCATE ${rows[0]!.list} RESTART IDENTITY CASCADE`);
  }
  await restartSequences(coordinator, schema);
}

async function truncatedOnWorker(
  url: string,
  node: { host: string; port: number },
  shards: { shard: string }[],
  schema: string,
): Promise<boolean> {
  const worker = new URL(url);
  worker.hostname = node.host;
  worker.port = String(node.port);
  return withClient(worker.toString(), async (client) => {
    await client.query('SET citus.enable_manual_changes_to_shards = on');
    await client.query(`TRUNCATE ${shards.map((s) => s.shard).join(', ')}`);
    await restartSequences(client, schema);
  }).then(
    () => true,
    (err: unknown) => {
      console.warn(`[citus harness] truncating ${schema} through the coordinator: ${String(err)}`);
      return false;
    },
  );
}

/** Sets every sequence of the schema that has handed out a value back to its start. */
async function restartSequences(client: pg.Client, schema: string): Promise<void> {
  await client.query(
    `SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false)
       FROM pg_sequences WHERE schemaname = $1 AND last_value IS NOT NULL`,
    [schema],
  );
}

/** Drops every region schema (and its job queue's schema) the run's test files made. */
export async function dropCitusTestSchemas(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      // starts_with, not LIKE: in a LIKE pattern the prefix's "_" would match any character, and
      // run 123's pattern the schemas of run 1234.
      `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) OR starts_with(nspname, $2)
        ORDER BY nspname DESC`,
      [prefix, `pgboss_${prefix}`],
    );
    // A few schemas per statement: each DROP of a distributed schema is a distributed transaction
    // (the workers' shards and every node's metadata), so one per schema cost ~0.5 s each.
    for (let k = 0; k < rows.length; k += 8) {
      const names = rows.slice(k, k + 8).map((r) => `"${r.nspname}"`);
      await client.query(`DROP SCHEMA IF EXISTS ${names.join(', ')} CASCADE`);
    }
  } finally {
    await client.end();
  }
}

/** The advisory lock class a run holds on the coordinator while it runs (with its prefix's hash). */
const RUN_LOCK_CLASS = 7_307_011;

/**
 * Marks the run as alive for as long as the returned client is connected: a session advisory lock on
 * the coordinator, keyed by the run's prefix. A run killed before its teardown (Ctrl-C, a CI time-out)
 * leaves its schemas behind but not its lock, which is how the next run tells them apart from the
 * schemas of a run still going on the same cluster.
 */
export async function holdRunLock(url: string, prefix: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUN_LOCK_CLASS, prefix]);
  return { release: () => client.end() };
}

/**
 * Drops the schemas of earlier runs that ended without their teardown: those whose run holds no lock.
 * Returns the prefixes dropped.
 */
export async function dropAbandonedCitusSchemas(url: string, ownPrefix: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ prefix: string }>(
      `SELECT DISTINCT substring(nspname FROM $1) AS prefix FROM pg_namespace
        WHERE substring(nspname FROM $1) IS NOT NULL`,
      [`^(?:pgboss_)?(${CITUS_SCHEMA_PREFIX}[0-9]+_)`],
    );
    const dropped: string[] = [];
    for (const { prefix } of rows.filter((r) => r.prefix !== ownPrefix)) {
      const { rows: lock } = await client.query<{ free: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS free',
        [RUN_LOCK_CLASS, prefix],
      );
      if (!lock[0]!.free) continue;
      try {
        await dropCitusTestSchemas(url, prefix);
        dropped.push(prefix);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK_CLASS, prefix]);
      }
    }
    return dropped;
  });
}
