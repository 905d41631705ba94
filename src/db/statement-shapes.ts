import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryBuiltRows, renderStatement } from './connection.ts';

/**
 * Names for statements whose text is built per request (the report lists). A list's text depends on
 * which filters it has and how many ids each carries, not on their values, so a few dozen shapes
 * serve every request; as named statements PostgreSQL parses and plans each shape once per pooled
 * connection instead of on every request (planning was half of a list's database time at
 * 1,000,000 reports: docs/performance.md, "Lists planned once").
 *
 * A named statement stays prepared on each connection that ran it until the connection closes, so a
 * client that varies its filters to mint new shapes must not grow the database's memory without
 * bound: a shape is named only from its second sighting on (a one-off stays unnamed), and at most
 * `maxNamed` shapes of one kind (one instance: the report lists, Open311's `requests`) per process
 * ever are; past that, new shapes run unnamed as before.
 * Only statements whose generic plan was checked to be their custom plan belong here (a generic plan
 * is blind to the values: `npm run bench -- lists --reuse --explain --generic`).
 */
export class StatementShapes {
  private readonly named = new Map<string, string>();
  private readonly sightings = new Map<string, number>();

  constructor(
    private readonly prefix: string,
    private readonly maxNamed = 200,
    private readonly sightingsBeforeNaming = 2,
    private readonly maxCounted = 5_000,
  ) {}

  /** The statement's name for this SQL text, or undefined: run it unnamed. */
  nameFor(text: string): string | undefined {
    const known = this.named.get(text);
    if (known) return known;
    if (this.named.size >= this.maxNamed) return undefined;
    const seen = (this.sightings.get(text) ?? 0) + 1;
    if (seen < this.sightingsBeforeNaming) {
      // Counting is bounded too: a flood of one-off shapes restarts the count, never the memory.
      if (this.sightings.size >= this.maxCounted) this.sightings.clear();
      this.sightings.set(text, seen);
      return undefined;
    }
    this.sightings.delete(text);
    // The text's digest: equal names always mean equal texts (pg refuses one name with two texts).
    const name = `${this.prefix}_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.named.set(text, name);
    return name;
  }
}

/** Runs a statement named by its shape (see StatementShapes), or unnamed when `named` is false. */
export async function queryShapedRows<T>(
  exec: Executor,
  shapes: StatementShapes,
  query: SQL,
  named: boolean,
): Promise<T[]> {
  // Rendered only (no cache key: these answers are not cached), then named by its text.
  const statement = renderStatement(exec, query);
  return queryBuiltRows<T>(exec, statement, named ? shapes.nameFor(statement.sql) : undefined);
}

/**
 * A row count (LIMIT, OFFSET) written into the text, not bound: a generic plan does not see a bound
 * LIMIT and estimates it as a tenth of the rows, which turned each list branch's newest-first index
 * walk into a sort of all its matches (2 → 39 ms at 1,000,000 reports; docs/performance.md).
 */
export function rowCount(n: number): SQL {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return sql.raw(String(n));
}
