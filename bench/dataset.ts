/**
 * The region's data set for the benchmarks that need a million reports (analytics, lists): one
 * generator (src/modules/analytics generateDataset, written set-wise), one PostgreSQL database
 * (`vmeste_bench_region`, kept with `--reuse`), or a PGlite data directory for the embedded figures.
 * Two years up to NOW, the 18 districts, every subject, the status machine's outcomes, 20,000
 * residents of whom a few file thousands of reports, supporters, events, the work queues filled.
 */
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type Db, openPglite, openPostgres, queryRows } from '../src/db/connection.ts';
import { listMigrations, migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { generateDataset } from '../src/modules/analytics/index.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { recreateDatabase, withDatabase } from './postgres-databases.ts';

// Another name (BENCH_REGION_DATABASE) lets a branch bench a copy (CREATE DATABASE … TEMPLATE) whose
// schema it changes, while others keep using the shared one.
export const REGION_DB = process.env.BENCH_REGION_DATABASE ?? 'vmeste_bench_region';
export const REGION_PASSWORD = 'bench-password-1';
/** The data set's "now": the end of its two years. */
export const REGION_NOW = new Date('2026-03-02T09:00:00Z');
const AUTHORS = 20_000;

async function countReports(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw('SELECT count(*)::int AS n FROM reports'));
  return Number(row?.n ?? 0);
}

/** Generates `reports` reports in slices of 250,000 (each statement's memory stays bounded). */
async function generate(database: Database, reports: number): Promise<void> {
  const passwordHash = await hashPassword(REGION_PASSWORD);
  const started = Date.now();
  for (let done = 0, seed = 1; done < reports; seed++) {
    const count = Math.min(250_000, reports - done);
    await generateDataset(database.db, {
      count,
      from: new Date(REGION_NOW.getTime() - 2 * 365 * 86_400_000),
      to: REGION_NOW,
      now: REGION_NOW,
      seed,
      variety: { authors: AUTHORS, passwordHash },
    });
    done += count;
    console.log(`generated ${done} reports (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await database.db.execute(sql.raw('VACUUM ANALYZE'));
  await layOutByFilingTime(database);
}

/**
 * A region's table is appended to as reports are filed, so its newest reports sit in its last pages.
 * The generator writes slices that each span the two years, which left the newest reports scattered
 * over the whole table: every list and search read its newest rows from as many heap pages as rows
 * (a search's 3,300 rows, 3,300 pages). The data set is laid out by filing time instead, as a real
 * table is (`CLUSTER`; the same command puts a region in order after a bulk import of old reports,
 * docs/operations.md). Run on a data set built before this, once, when its rows are not in time
 * order (the planner's correlation of created_at with the physical order).
 */
async function layOutByFilingTime(database: Database): Promise<void> {
  const [stats] = await queryRows<{ correlation: number | null }>(
    database.db,
    sql.raw(
      "SELECT correlation FROM pg_stats WHERE tablename = 'reports' AND attname = 'created_at' AND schemaname = current_schema()",
    ),
  );
  if (stats?.correlation != null && Math.abs(Number(stats.correlation)) > 0.9) return;
  const started = Date.now();
  await database.db.execute(sql.raw('CLUSTER reports USING reports_recent_idx'));
  // The rewritten table's visibility map (for index-only scans) and its statistics (the correlation
  // read above) are new: without them, the next run would lay it out again.
  await database.db.execute(sql.raw('VACUUM ANALYZE reports'));
  console.log(`laid the reports out by filing time (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/**
 * A reused data set gets the migrations written since it was built (a new column or index is
 * measured without generating the reports again), and fresh statistics for what they changed.
 * Migrations are renumbered when branches merge, so one counts as applied when a migration of the
 * same name (its tag without the number) was: the new tag is recorded, and only the rest run.
 */
async function migrateReused(database: Database): Promise<void> {
  const started = Date.now();
  const nameOf = (tag: string) => tag.replace(/^\d+_/, '');
  const recorded = await queryRows<{ tag: string }>(
    database.db,
    sql.raw('SELECT tag FROM vmeste_migrations'),
  );
  const tags = new Set(recorded.map((r) => r.tag));
  const names = new Set(recorded.map((r) => nameOf(r.tag)));
  for (const { tag } of listMigrations())
    if (!tags.has(tag) && names.has(nameOf(tag)))
      await database.db.execute(sql`INSERT INTO vmeste_migrations (tag) VALUES (${tag})`);
  const applied = await migrate(database, 'public');
  await layOutByFilingTime(database);
  if (!applied.length) return;
  // A new stored column rewrites the table, and with it the visibility map: vacuum, so that the
  // lists' index-only scans stay index-only.
  await database.db.execute(sql.raw('VACUUM ANALYZE'));
  console.log(
    `applied ${applied.join(', ')} to the reused data set (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

/**
 * The PostgreSQL data set: reused when asked and it has at least `reports` reports, else built anew.
 * Returns the database's URL and whether it was built now.
 */
export async function preparePostgresRegion(
  baseUrl: string,
  reports: number,
  reuse: boolean,
): Promise<{ url: string; built: boolean }> {
  const url = withDatabase(baseUrl, REGION_DB);
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [REGION_DB])).rowCount;
  if (reuse && exists) {
    await admin.end();
    const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
    await migrateReused(database);
    const n = await countReports(database.db);
    await database.close();
    if (n >= reports) {
      console.log(`reusing database ${REGION_DB} (${n} reports)`);
      return { url, built: false };
    }
    console.log(`database ${REGION_DB} has ${n} reports, fewer than ${reports}: building it anew`);
  }
  await admin.end().catch(() => {});
  await recreateDatabase(baseUrl, REGION_DB);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
  await migrate(database, 'public');
  await seedReference(database.db);
  await generate(database, reports);
  await database.close();
  return { url, built: true };
}

/** The embedded data set: a PGlite data directory, reused when asked and already there. */
export async function preparePgliteRegion(dataDir: string, reports: number, reuse: boolean): Promise<void> {
  if (reuse && existsSync(dataDir)) {
    const { database } = await openPglite({ dataDir, schema: 'public' });
    await migrateReused(database);
    const n = await countReports(database.db);
    await database.close();
    if (n >= reports) {
      console.log(`reusing PGlite data directory (${n} reports)`);
      return;
    }
    throw new Error(`the PGlite data directory has ${n} reports; remove it or run without --reuse`);
  }
  if (existsSync(dataDir)) throw new Error(`${dataDir} exists: remove it first, or pass --reuse`);
  const { database } = await openPglite({ dataDir, schema: 'public' });
  await migrate(database, 'public');
  await seedReference(database.db);
  await generate(database, reports);
  await database.close();
}
