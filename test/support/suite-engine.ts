import { citusTestMode } from './citus.ts';

/**
 * Which database the suite runs on: the embedded one by default, PostgreSQL with DATABASE_URL, a
 * Citus coordinator with VMESTE_TEST_CITUS=1 as well (one distributed schema per file).
 */
export type SuiteEngine = 'pglite' | 'postgres' | 'citus';

export function suiteEngine(): SuiteEngine {
  if (!process.env.DATABASE_URL) return 'pglite';
  return citusTestMode() ? 'citus' : 'postgres';
}

/**
 * For a check that means something on some engines only: true where it runs; elsewhere it says in
 * the run's output why not (never a silent skip). Used with `describe.runIf`. The CI runs the suite
 * on all three engines side by side on two cores (docs/operations.md, "CI"), so a check that would
 * repeat another run's work exactly — a process-level test that makes its own plain PostgreSQL
 * database, or one that touches no database at all — runs in one of them.
 */
export function runsOn(engines: readonly SuiteEngine[], what: string, why: string): boolean {
  const engine = suiteEngine();
  if (engines.includes(engine)) return true;
  console.warn(`[${what}] not run on ${engine} (runs on ${engines.join(', ')}): ${why}`);
  return false;
}

/**
 * Why a process-level check runs on PostgreSQL only: it starts `vmeste serve` processes on a plain
 * database it makes itself. On a Citus coordinator that database would not be distributed, so the
 * check would repeat the PostgreSQL run exactly; Citus's own process-level checks are in test/citus/.
 */
export const OWN_PLAIN_DATABASE =
  'needs a PostgreSQL server (DATABASE_URL) and makes its own plain database there; on a Citus coordinator that database is not distributed and the check would repeat the PostgreSQL run (Citus itself: test/citus/)';
