/**
 * PostgreSQL takes at most 65,535 parameters a statement, and a multi-row insert built by Drizzle
 * spends one a column a row: 9,000 followers' notifications (eight columns) failed an import. Rows
 * that come in numbers nobody bounds — people told of news, audit rows of a file's records, letters —
 * are written a thousand a statement, which holds for tables of up to 65 columns.
 */
export const ROWS_PER_STATEMENT = 1000;

/** Writes `rows` a slice at a time with `write`, in order; what each slice's write returned. */
export async function inSlices<T, R>(rows: readonly T[], write: (slice: T[]) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    out.push(await write(rows.slice(i, i + ROWS_PER_STATEMENT)));
  return out;
}
