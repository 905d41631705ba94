import { type Database, quoteIdent } from './connection.ts';

/**
 * A federal deployment runs on Citus with one region per distributed ("tenant") schema
 * (docs/scale-out.md). These checks ask the database whether the citus extension is installed; on
 * PGlite and on plain PostgreSQL they change nothing.
 */

/** The setting that makes a newly created schema a distributed one. */
const SCHEMA_SHARDING = 'citus.enable_schema_based_sharding';

export async function citusPresent(database: Database): Promise<boolean> {
  if (database.engine === 'pglite') return false;
  const { rows } = await database.executeSql(
    "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS present",
    [],
  );
  return (rows[0] as { present: boolean }).present;
}

/** Whether `schemaName` is a distributed schema of this Citus cluster. */
export async function isDistributedSchema(database: Database, schemaName: string): Promise<boolean> {
  const { rows } = await database.executeSql(
    `SELECT EXISTS (SELECT 1 FROM pg_dist_schema d JOIN pg_namespace n ON n.oid = d.schemaid
                    WHERE n.nspname = $1) AS distributed`,
    [schemaName],
  );
  return (rows[0] as { distributed: boolean }).distributed;
}

export class RegionSchemaError extends Error {}

function notDistributedMessage(schemaName: string): string {
  return schemaName === 'public'
    ? 'DB_SCHEMA is "public", but this database is a Citus coordinator: each region needs a schema of its ' +
        'own (e.g. DB_SCHEMA=region_78), created as a distributed schema by `vmeste migrate`.'
    : `DB_SCHEMA "${schemaName}" is not a distributed schema on this Citus coordinator, so its tables would ` +
        'stay on the coordinator. Run `vmeste migrate` with this DB_SCHEMA (it distributes the schema), or ' +
        `SELECT citus_schema_distribute('${schemaName}').`;
}

/**
 * Creates the region's schema. On a Citus coordinator it is created (or converted) as a distributed
 * schema, so that its tables live together on one worker; a schema created any other way would
 * silently stay local on the coordinator. Elsewhere it is a plain schema.
 */
export async function ensureRegionSchema(database: Database, schemaName: string): Promise<void> {
  const schemaSql = quoteIdent(schemaName);
  if (!(await citusPresent(database))) {
    await database.execScript(`CREATE SCHEMA IF NOT EXISTS ${schemaSql};`);
    return;
  }
  // `public` cannot be distributed; refuse before creating any table in it on the coordinator.
  if (schemaName === 'public') throw new RegionSchemaError(notDistributedMessage(schemaName));
  // SET LOCAL: the setting must not stay on for this pooled connection (the job queue's schema, for
  // one, must stay a plain schema on the coordinator).
  await database.execScript(
    `BEGIN; SET LOCAL ${SCHEMA_SHARDING} = on; CREATE SCHEMA IF NOT EXISTS ${schemaSql}; COMMIT;`,
  );
  // A schema that existed before (made with the setting off) stays local: distribute it explicitly.
  if (!(await isDistributedSchema(database, schemaName))) {
    await database.executeSql('SELECT citus_schema_distribute($1::regnamespace)', [schemaName]);
  }
}

/**
 * `vmeste serve` refuses to serve a region from a Citus coordinator unless the region's schema is a
 * distributed one. A no-op without Citus.
 */
export async function assertRegionSchemaDistributed(database: Database, schemaName: string): Promise<void> {
  if (!(await citusPresent(database))) return;
  if (!(await isDistributedSchema(database, schemaName))) {
    throw new RegionSchemaError(notDistributedMessage(schemaName));
  }
}

/**
 * The job queue (pg-boss) keeps its schema as a plain one on the coordinator: its installer sends
 * several commands at once, which a distributed schema refuses, and with schema-based sharding on
 * even its `CREATE SCHEMA IF NOT EXISTS` turns an existing plain schema into a distributed one. So,
 * on Citus, every multi-command text of the queue runs with the setting off for its own transaction.
 */
export function withSchemaShardingOff(text: string, values: unknown[] | undefined): string {
  if (values && values.length > 0) return text;
  return `SET LOCAL ${SCHEMA_SHARDING} = off;\n${text}`;
}
