import type { Database } from './connection.ts';

/**
 * The embedded database's own upkeep. PGlite runs PostgreSQL in single-user mode: there is no
 * checkpointer and no autovacuum, so nothing writes checkpoints, vacuums or analyses unless the
 * application does. PostgreSQL's own processes do all of this on a server; here it is a timer.
 */

/** How often the embedded database is looked after (autovacuum's own default naptime). */
export const EMBEDDED_MAINTENANCE_MS = 60_000;

export type MaintenanceStep = { table: string; vacuumed: boolean; analysed: boolean };

/**
 * Autovacuum's rule with PostgreSQL's default settings, per table: vacuum after 50 + 20 % dead rows
 * or 1,000 + 20 % rows inserted since the last vacuum (which also sets the visibility map that the
 * lists' index-only walks need, and freezes old rows), analyse after 50 + 10 % rows changed.
 * `reltuples` is -1 for a table never vacuumed or analysed (counted as empty).
 */
const DUE_TABLES = `
  SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS "table",
         (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
           OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)) AS vacuum,
         s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS analyse
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
     OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
     OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
  ORDER BY 1`;

/**
 * Vacuums and analyses the embedded database's tables that autovacuum would have by now. Without
 * it a table's statistics stay those of the seed (a growing `reports` is planned as it was then),
 * dead rows and their index entries are never reclaimed, and no page is ever marked all-visible.
 * On PostgreSQL it does nothing: autovacuum's job. A table's VACUUM or ANALYZE holds the one
 * connection while it runs, and requests wait for it as for any statement: about a second for a
 * table of 100,000 reports (docs/operations.md), once every ten to twenty thousand changes.
 */
export async function vacuumAndAnalyseDue(database: Database): Promise<MaintenanceStep[]> {
  if (database.engine !== 'pglite') return [];
  const { rows } = await database.executeSql(DUE_TABLES);
  const steps: MaintenanceStep[] = [];
  for (const row of rows as { table: string; vacuum: boolean; analyse: boolean }[]) {
    // Names quoted by PostgreSQL itself (quote_ident) from the catalog: no outside text in the SQL.
    await database.execScript(row.vacuum ? `VACUUM (ANALYZE) ${row.table}` : `ANALYZE ${row.table}`);
    steps.push({ table: row.table, vacuumed: row.vacuum, analysed: true });
  }
  return steps;
}

/**
 * A checkpoint and the tables' upkeep at start and every minute. Without checkpoints the write-ahead
 * log since the last clean stop grows without bound and a restart after a crash replays all of it
 * (measured: 4 s after the first kill, 54 s after the ninth; docs/reliability.md): a checkpoint each
 * minute keeps crash recovery to the last minute's writes. The checkpoint comes after the vacuum, so
 * that it also covers the vacuum's writes.
 */
export function maintainEmbeddedRegularly(database: Database): () => Promise<void> {
  let current: Promise<void> | null = null;
  const maintain = () => {
    // A slow round (a large vacuum) is not overtaken by the next tick.
    current ??= (async () => {
      await vacuumAndAnalyseDue(database).catch((err: unknown) => report('vacuum', err));
      await database.execScript('CHECKPOINT').catch((err: unknown) => report('checkpoint', err));
    })().finally(() => {
      current = null;
    });
    return current;
  };
  void maintain();
  const timer = setInterval(maintain, EMBEDDED_MAINTENANCE_MS);
  timer.unref();
  // Stopping waits for a round under way, so the database is not closed under its statement.
  return async () => {
    clearInterval(timer);
    await current;
  };
}

function report(step: string, err: unknown): void {
  process.stderr.write(
    `embedded database ${step} failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
}
