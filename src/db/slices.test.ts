import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from './schema/audit.ts';
import { notifications } from './schema/notifications.ts';
import { reportFollowers } from './schema/reports.ts';
import { accountMail } from './schema/security.ts';
import { inSlices, ROWS_PER_STATEMENT } from './slices.ts';

describe('writing rows a slice at a time', () => {
  it('hands every row over once, in order, at most ROWS_PER_STATEMENT at a time', async () => {
    const rows = Array.from({ length: 2 * ROWS_PER_STATEMENT + 7 }, (_, i) => i);
    const seen: number[][] = [];
    const results = await inSlices(rows, async (slice) => {
      seen.push(slice);
      return slice.length;
    });
    expect(seen.map((s) => s.length)).toEqual([ROWS_PER_STATEMENT, ROWS_PER_STATEMENT, 7]);
    expect(seen.flat()).toEqual(rows);
    expect(results).toEqual([ROWS_PER_STATEMENT, ROWS_PER_STATEMENT, 7]);
  });

  it('writes nothing for no rows, and one slice for a few', async () => {
    let calls = 0;
    const write = async (slice: number[]) => {
      calls++;
      return slice;
    };
    expect(await inSlices([], write)).toEqual([]);
    expect(calls).toBe(0);
    expect((await inSlices([1, 2, 3], write)).flat()).toEqual([1, 2, 3]);
    expect(calls).toBe(1);
  });

  it('keeps a statement of each table written through it under the 65,535 parameters', () => {
    // Drizzle spends at most one parameter a column a row.
    for (const table of [notifications, reportFollowers, auditLog, accountMail])
      expect(Object.keys(getTableColumns(table)).length * ROWS_PER_STATEMENT).toBeLessThan(65_535);
  });
});
