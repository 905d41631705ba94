import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Batched statements (the report intake, the import) take their rows as one array parameter per
 * column, spread back into rows by `unnest(...) AS alias(...)`. Written by hand that is two
 * positional lists — the arrays and the names — where a swapped pair of same-typed columns still
 * runs. Here every column is one keyed entry: its name, SQL type and values travel together, and the
 * names and types of table columns come from the Drizzle schema (docs/decisions/0002).
 */
export type InputColumn = { name: string; type: string; values: unknown[] };

/**
 * The input columns named after table columns: for each key, the column's SQL name and type from the
 * schema and each row's value under the same key, converted as Drizzle converts it for the driver.
 * The rows must give each key the type the table expects, so a value of the wrong type cannot compile.
 */
export function tableInputColumns<
  T extends PgTable,
  K extends keyof T['$inferInsert'] & string,
  R extends { [P in K]?: T['$inferInsert'][P] },
>(table: T, keys: readonly K[], rows: readonly R[]): InputColumn[] {
  const columns = getTableColumns(table);
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key} in the table`);
    return {
      name: column.name,
      type: column.getSQLType(),
      values: rows.map((row) => {
        const value = row[key];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    };
  });
}

/**
 * `unnest($1::type[], $2::type[], …) AS alias(name, name, …)`, both lists generated from the same
 * entries. Each array is one parameter (sql.param: a bare array would be spread into a list of
 * parameters); the text depends on the names and types only, so a prepared statement keeps its text.
 */
export function unnestAs(alias: string, columns: readonly InputColumn[]): SQL {
  const arrays = columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`);
  const names = columns.map((c) => sql.identifier(c.name));
  return sql`unnest(${sql.join(arrays, sql`, `)}) AS ${sql.identifier(alias)}(${sql.join(names, sql`, `)})`;
}

/**
 * unnestAs for a statement built once (queryRowsBuiltOnce): each array is a named placeholder
 * (`prefix` + column name) instead of a value, and `unnestValues` gives the values for one call.
 * The columns' values are not read here: `tableInputColumns(table, keys, [])` names them. With
 * `ordinality`, each row also has its position `n` (1, 2, …), to insert the rows in their order.
 * With `planOnce`, the rows are estimated at a fixed count (see `planOnceRows`), so the prepared
 * statement is planned once per connection rather than at every call.
 */
export function unnestPlaceholders(
  alias: string,
  columns: readonly InputColumn[],
  prefix: string,
  options: { ordinality?: boolean; planOnce?: boolean } = {},
): SQL {
  const names = columns.map((c) => sql.identifier(c.name));
  const [ordinality, n] = options.ordinality ? [sql` WITH ORDINALITY`, sql`, n`] : [sql``, sql``];
  const as = sql`${ordinality} AS ${sql.identifier(alias)}(${sql.join(names, sql`, `)}`;
  const arrays = columns.map((c) => sql`${sql.placeholder(`${prefix}${c.name}`)}::${sql.raw(c.type)}[]`);
  if (options.planOnce) return sql`${unnestPlannedOnce(arrays)}${as}, ${sql.raw(PLAN_ONCE_COLUMN)}${n})`;
  return sql`unnest(${sql.join(arrays, sql`, `)})${as}${n})`;
}

/**
 * `ROWS FROM (unnest(array), …, planOnceRows)`: the arrays spread into rows like a multi-argument
 * `unnest`, estimated at a fixed count (see planOnceRows). Its alias list ends with
 * `PLAN_ONCE_COLUMN` after the arrays' names (then the ordinality column, if any).
 */
export function unnestPlannedOnce(arrays: readonly SQL[]): SQL {
  return sql`ROWS FROM (${sql.join(
    arrays.map((a) => sql`unnest(${a})`),
    sql`, `,
  )}, ${planOnceRows})`;
}

/**
 * A set-returning function that yields no row and is estimated at a fixed 100 rows, written last in
 * the `ROWS FROM` of unnestPlannedOnce for a prepared batch statement (the intake, the
 * similar-report look-up); its output column (`PLAN_ONCE_COLUMN`) is never read.
 *
 * Why: PostgreSQL estimates `unnest($1)`'s rows from the array's length when it plans with the
 * values in sight (a custom plan) and as 10 rows when it plans without them (the generic plan a
 * prepared statement is meant to reuse). Batches of fewer than 10 rows — most of them — make every
 * custom plan look cheaper than the generic one, so the plan cache never settles on the generic plan
 * and the statement is planned again at every call: 0.65 ms of the intake statement's 2.9 ms a
 * batch (docs/performance.md, "Eighteenth session"). A `ROWS FROM` is estimated at its largest
 * function's rows and yields as many rows as its longest function (the shorter ones pad with NULL),
 * so this function changes no row and makes both estimates the same: from the sixth call on, the
 * generic plan is kept.
 */
const planOnceRows = sql.raw(`jsonb_array_elements('[]'::jsonb)`);
export const PLAN_ONCE_COLUMN = 'plan_once';

/** The values of unnestPlaceholders' placeholders, by name. */
export function unnestValues(columns: readonly InputColumn[], prefix: string): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [`${prefix}${c.name}`, c.values]));
}

/**
 * The column list and the matching SELECT list of an `INSERT INTO table (…) SELECT …`, generated
 * from one map of table column → value expression, so a value cannot land in its neighbour's column.
 */
export function insertSelect<T extends PgTable>(
  table: T,
  values: { [K in keyof T['$inferInsert']]?: SQL },
): { columns: SQL; values: SQL } {
  const columns = getTableColumns(table);
  const entries = Object.entries(values as Record<string, SQL>).map(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key} in the table`);
    return { name: sql.identifier(column.name), value };
  });
  return {
    columns: sql.join(
      entries.map((e) => e.name),
      sql`, `,
    ),
    values: sql.join(
      entries.map((e) => e.value),
      sql`, `,
    ),
  };
}

/** Table columns copied as they are from the input (`i.category_id` for categoryId), for insertSelect maps. */
export function inputRefs<T extends PgTable, K extends keyof T['$inferInsert'] & string>(
  table: T,
  alias: string,
  keys: readonly K[],
): { [P in K]: SQL } {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`no column ${key} in the table`);
      return [key, sql`${sql.identifier(alias)}.${sql.identifier(column.name)}`];
    }),
  ) as { [P in K]: SQL };
}
