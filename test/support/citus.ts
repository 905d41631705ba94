import pg from 'pg';
import { type Database, openPostgres } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedReference } from '../../src/db/seed/reference.ts';

/**
 * The suite's Citus mode (VMESTE_TEST_CITUS=1, DATABASE_URL = a coordinator; .ci/citus.sh): every test
 * file gets a distributed schema of its own, migrated and seeded from scratch — as a region is created
 * in production — since a database copied from a template would hold no distributed schema at all.
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

/** A fresh region for one test file: a new distributed schema, migrated, with the demo region's reference data. */
export async function openCitusTestDatabase(url: string, prefix: string): Promise<Database> {
  const schema = `${prefix}f${process.pid}_${counter++}`;
  const { database } = openPostgres({ databaseUrl: url, schema, poolSize: 5 });
  await migrate(database, schema);
  await seedReference(database.db);
  return database;
}

/** Drops every region schema (and its job queue's schema) the run's test files made. */
export async function dropCitusTestSchemas(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 OR nspname LIKE $2 ORDER BY nspname DESC`,
      [`${prefix}%`, `pgboss_${prefix}%`],
    );
    for (const r of rows) await client.query(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}
