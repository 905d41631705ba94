import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, recreateDatabase, withDatabase } from '../../bench/postgres-databases.ts';
import { openPostgres, queryRows } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { runsOn } from '../support/suite-engine.ts';

/**
 * Two app nodes started at once on a fresh PostgreSQL database both run the migrations (`vmeste
 * serve` migrates at start): the extensions and the region's schema are created with `IF NOT EXISTS`,
 * which is not atomic, so without a lock the second node failed on the catalog's unique index. The
 * embedded database belongs to one process (test/integration/several-nodes.test.ts), and on Citus
 * the test files' regions are distributed schemas made by the harness: PostgreSQL only.
 */
const databaseUrl = runsOn(
  ['postgres'],
  'migrate-concurrent',
  'needs a plain PostgreSQL server (DATABASE_URL, not Citus)',
)
  ? process.env.DATABASE_URL
  : undefined;

const name = `vmeste_migrate_race_${process.pid}`;

describe.runIf(databaseUrl)('migrations started by several nodes at once', () => {
  afterAll(() => dropDatabase(withDatabase(databaseUrl!, name)));

  it.each([
    ['the same region', ['region_78', 'region_78', 'region_78']],
    ['different regions', ['region_47', 'region_78', 'region_50']],
  ])('all succeed on a fresh database, for %s', async (_, schemas) => {
    const url = await recreateDatabase(databaseUrl!, name);
    const nodes = schemas.map((schema) => openPostgres({ databaseUrl: url, schema, poolSize: 2 }).database);
    try {
      const results = await Promise.allSettled(nodes.map((d, i) => migrate(d, schemas[i]!)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      // Each region holds every migration once, whichever node applied it.
      for (const schema of new Set(schemas)) {
        const rows = await queryRows<{ n: number; distinct: number }>(
          nodes[0]!.db,
          sql.raw(
            `SELECT count(*)::int AS n, count(DISTINCT tag)::int AS distinct FROM "${schema}".vmeste_migrations`,
          ),
        );
        expect(rows[0]!.n).toBe(rows[0]!.distinct);
        expect(rows[0]!.n).toBeGreaterThan(30);
      }
    } finally {
      await Promise.all(nodes.map((d) => d.close()));
    }
  });
});
