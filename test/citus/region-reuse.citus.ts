import { sql } from 'drizzle-orm';
import { describe, expect, inject, it, vi } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { citusTestMode } from '../support/citus.ts';
import { openTestDatabase } from '../support/template.ts';

/**
 * The Citus harness hands a finished file's region schema to the next file of the same worker
 * process, emptied on the worker that holds it (test/support/citus.ts, truncateRegion): the next
 * file must find it as a new region — no row of the last file, every sequence at its start, the
 * template's reference data back — and the emptying must have run on the worker, not fallen back to
 * the coordinator's slower one.
 */
const template = inject('dbTemplate');
if (!citusTestMode() || template.kind !== 'citus') {
  throw new Error('test/citus runs only with VMESTE_TEST_CITUS=1 and DATABASE_URL at a Citus coordinator');
}

describe('a region schema handed to the next test file', () => {
  it('comes back empty, its sequences restarted and its reference data in place, emptied on the worker', async () => {
    const warn = vi.spyOn(console, 'warn');
    const first = await openTestDatabase(template);
    const categories = await queryRows<{ n: number }>(
      first.db,
      sql`SELECT count(*)::int AS n FROM categories`,
    );
    const firstIds = await queryRows<{ id: string }>(
      first.db,
      sql`INSERT INTO audit_log (actor_role, action, entity_type, entity_id, details, created_at)
          VALUES ('system', 'probe', 'probe', 'a', '{}', now()), ('system', 'probe', 'probe', 'b', '{}', now())
          RETURNING id::text AS id`,
    );
    await first.close();

    const next = await openTestDatabase(template);
    try {
      expect(next.schema).toBe(first.schema);
      expect(await queryRows(next.db, sql`SELECT id FROM audit_log`)).toEqual([]);
      const [again] = await queryRows<{ id: string }>(
        next.db,
        sql`INSERT INTO audit_log (actor_role, action, entity_type, entity_id, details, created_at)
            VALUES ('system', 'probe', 'probe', 'c', '{}', now()) RETURNING id::text AS id`,
      );
      expect(again!.id).toBe(firstIds[0]!.id);
      expect(await queryRows(next.db, sql`SELECT count(*)::int AS n FROM categories`)).toEqual(categories);
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('[citus harness]'))).toEqual([]);
    } finally {
      warn.mockRestore();
      await next.close();
    }
  });
});
