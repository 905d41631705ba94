import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { fromRepo } from '../lib/repo-root.ts';
import { ensureRegionSchema } from './citus.ts';
import { type Database, queryRows, quoteIdent } from './connection.ts';
import { sqlState } from './sql-state.ts';

const migrationsDir = fromRepo('migrations');

type JournalEntry = { idx: number; tag: string };

export function listMigrations(): { tag: string; statements: string[] }[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: e.tag,
      // One statement per query (Citus and PGlite both prefer it): split on drizzle's breakpoints.
      statements: readFileSync(path.join(migrationsDir, `${e.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.replace(/--.*$/gm, '').trim().length > 0),
    }));
}

/**
 * Forward-only migrations into the configured schema. Extensions are created in `public` (shared by
 * every region's schema); the applied migrations are recorded in the schema itself. An advisory lock
 * keeps two app nodes starting at once from racing.
 */
export async function migrate(database: Database, schemaName: string): Promise<string[]> {
  const { db } = database;
  const schemaSql = quoteIdent(schemaName);
  // Several nodes (or regions) migrating a fresh database at once: `IF NOT EXISTS` is not atomic,
  // and the second CREATE would fail on the catalog's unique index. The extensions are the
  // database's, so one lock for every schema.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('vmeste-migrate:extensions'))`);
    await tx.execute(sql`CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public`);
    await tx.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
  });
  await retryCatalogRace(() => ensureRegionSchema(database, schemaName));
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`vmeste-migrate:${schemaName}`}))`);
    await tx.execute(
      sql.raw(`CREATE TABLE IF NOT EXISTS ${schemaSql}.vmeste_migrations (
        tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`),
    );
    const done = await queryRows<{ tag: string }>(
      tx,
      sql.raw(`SELECT tag FROM ${schemaSql}.vmeste_migrations`),
    );
    const doneTags = new Set(done.map((r) => r.tag));
    for (const m of listMigrations()) {
      if (doneTags.has(m.tag)) continue;
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO ${sql.raw(schemaSql)}.vmeste_migrations (tag) VALUES (${m.tag})`);
      applied.push(m.tag);
    }
  });
  return applied;
}

/** The catalog's answers when another session created the same schema in the meantime. */
const CREATED_MEANWHILE = new Set(['23505', '42P06', '42710']);

/**
 * Runs a `CREATE … IF NOT EXISTS` step again when another node's identical step won the race (the
 * region's schema: on Citus it is created and distributed in steps of their own, outside the
 * migration's lock; the job queue's schema, which pg-boss installs behind a lock but whose waiting
 * transaction reads the catalog as it was before the winner's commit); the second run finds what the
 * first made.
 */
export async function retryCatalogRace<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const code = sqlState(err);
      if (attempt >= 3 || !code || !CREATED_MEANWHILE.has(code)) throw err;
    }
  }
}
