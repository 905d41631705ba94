import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, openPglite, pgliteDatabase } from '../../src/db/connection.ts';
import type { PgliteTemplate } from './template.ts';

/**
 * One embedded database per worker process, kept open from one test file to the next and emptied in
 * between: opening one from the template costs ~1.5 s of CPU (the data directory unpacked, PostgreSQL
 * and PostGIS started in WebAssembly), emptying it ~0.3 s. Emptied as a new region is: every table
 * but the migrations' record truncated, the template's rows and sequence positions put back, the job
 * queue's schema dropped, the session's settings, prepared statements, advisory locks and statistics
 * counters reset. Each file gets a new app handle (`Db`), so the app's per-database caches start
 * empty as with a new copy.
 */
type Kept = {
  client: PGlite;
  /** The template's non-empty tables and where its sequences stood, copied when the instance opened. */
  tables: string[];
  sequences: { name: string; value: string | null }[];
};

/** The row copies live in the session's temporary schema, under names no table of the app has. */
const COPY_PREFIX = 'vmeste_template_rows_';

let idle: Kept | null = null;

export async function openKeptPglite(template: PgliteTemplate): Promise<Database> {
  let kept = idle;
  idle = null;
  if (kept) await empty(kept);
  else kept = await openFromTemplate(template);
  const held = kept;
  let closing: Promise<void> | null = null;
  const database = await pgliteDatabase(
    closedWith(held.client, () => closing !== null),
    'public',
  );
  return {
    ...database,
    // Kept for the next file; a second database open at the same time in this process is closed.
    close: () => {
      if (!closing) {
        if (idle) closing = held.client.close();
        else {
          idle = held;
          closing = Promise.resolve();
        }
      }
      return closing;
    },
  };
}

/**
 * The instance as this file's handle sees it: once the file has closed its database, every call
 * fails as on a closed instance (a test of a database that is gone must see it gone), while the
 * instance itself stays open for the next file.
 */
function closedWith(client: PGlite, closed: () => boolean): PGlite {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (closed()) throw new Error('PGlite is closed');
        return value.apply(target, args);
      };
    },
  });
}

async function openFromTemplate(template: PgliteTemplate): Promise<Kept> {
  const { client } = await openPglite({
    dataDir: 'memory://',
    schema: 'public',
    loadDataDir: new Blob([readFileSync(template.file)]),
    postgisBundle: template.postgisBundle,
  });
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'vmeste_migrations'`,
  );
  const tables: string[] = [];
  for (const { name } of rows) {
    const { rows: present } = await client.query(`SELECT 1 FROM public.${name} LIMIT 1`);
    if (present.length === 0) continue;
    tables.push(name);
    await client.exec(`CREATE TEMP TABLE ${COPY_PREFIX}${name} AS TABLE public.${name}`);
  }
  const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
    `SELECT format('public.%I', sequencename) AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public'`,
  );
  return { client, tables, sequences };
}

async function empty(kept: Kept): Promise<void> {
  const { client } = kept;
  const { rows } = await client.query<{ list: string }>(
    `SELECT string_agg(format('public.%I', tablename), ', ') AS list FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'vmeste_migrations'`,
  );
  await client.exec(`
    RESET ALL;
    DEALLOCATE ALL;
    SELECT pg_advisory_unlock_all();
    -- The statistics counters (pg_stat_*) start at zero for each file, not where the last one left them.
    SELECT pg_stat_reset();
    DROP SCHEMA IF EXISTS pgboss CASCADE;
    TRUNCATE ${rows[0]!.list} RESTART IDENTITY CASCADE;
    -- The copies go back in any order: the template's rows satisfy their own keys.
    SET session_replication_role = replica;
    ${kept.tables.map((t) => `INSERT INTO public.${t} OVERRIDING SYSTEM VALUE SELECT * FROM ${COPY_PREFIX}${t};`).join('\n')}
    SET session_replication_role = DEFAULT;
    ${kept.sequences.map((s) => (s.value === null ? `SELECT setval('${s.name}', 1, false);` : `SELECT setval('${s.name}', ${s.value});`)).join('\n')}
    ANALYZE ${kept.tables.map((t) => `public.${t}`).join(', ')};
  `);
}
