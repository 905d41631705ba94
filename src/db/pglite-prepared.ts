import {
  type PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';
import { StatementShapes } from './statement-shapes.ts';

/**
 * Prepared statements on the embedded database. PGlite's `query` sends every statement unnamed:
 * Parse, Describe, Bind, Describe, Execute and Sync, each a separate call into WebAssembly, and
 * PostgreSQL parses and plans it again every time (planning asks each table's and index's size,
 * which PGlite's Node file system answers with an `fstat`). Measured on a primary-key lookup: 0.29 ms
 * a call through `query`, 0.05 ms prepared.
 *
 * So the client Drizzle is given prepares a statement text from its second run on (as asyncpg
 * does, and as PL/pgSQL does for every statement of a function): Parse and Describe once per
 * handle, then one call (Bind, Describe, Execute, Sync) per run. PostgreSQL's plan cache decides
 * between custom and generic plans as it does for any prepared statement. A text that binds its
 * LIMIT or OFFSET stays unprepared: a generic plan does not see the value and costs it as a tenth of
 * the rows, which turned a newest-first index walk into a sort of every match on PostgreSQL
 * (statement-shapes.ts; the app writes its row counts into the text). So do calls with options this
 * path does not carry (a COPY's blob, given parameter types, a notice callback).
 *
 * What PGlite's `query` does around a statement is kept, with PGlite's own pieces where it exports
 * them (its protocol messages, `parse.parseResults`): its mutexes (outside a transaction a statement
 * waits for a running one; inside, for the transaction's previous statement), its type serializers
 * and parsers with the caller's over them, both row modes. An error is PostgreSQL's DatabaseError
 * as PGlite raises it, without the statement PGlite's `query` adds (Drizzle's error carries it).
 */

type Message = Parameters<typeof parse.parseResults>[0][number];

/** The internals of PGlite this relies on (public members with a leading underscore, in 0.5). */
type PgliteInternals = {
  _checkReady(): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolStream(message: Uint8Array, options?: { syncToFs?: boolean }): Promise<Message[]>;
  syncToFs(): Promise<void>;
  serializers: Record<number, (value: unknown) => string>;
  parsers: Parameters<typeof parse.parseResults>[1];
};

/**
 * One handle's statements: which texts are prepared, under which names, with which parameter types.
 * At most `MAX_PREPARED` texts, each from its second run (StatementShapes): a flood of one-off texts
 * neither grows the instance's memory nor pushes the everyday statements out.
 */
type Handle = { pg: PgliteInternals; shapes: StatementShapes; paramTypes: Map<string, number[]> };

const MAX_PREPARED = 500;
const BINDS_ROW_COUNT = /\b(limit|offset)\s+\$\d/i;

let handles = 0;

/**
 * The client Drizzle is given for an instance: PGlite's `query` and `transaction` (all Drizzle's
 * PGlite session calls), preparing statements as above, inside and outside transactions. Each handle
 * prefixes its names (`h1_…`): the test suite gives one kept instance a new handle for each file
 * (after `DEALLOCATE ALL`), and two handles must never take for prepared a statement the other
 * prepared, or one deallocated under them.
 */
export function pgliteClientForDrizzle(client: PGlite): PGlite {
  const handle: Handle = {
    pg: client as unknown as PgliteInternals,
    shapes: new StatementShapes(`h${++handles}`, MAX_PREPARED),
    paramTypes: new Map(),
  };
  const adapter = {
    query: <T>(text: string, params?: unknown[], options?: QueryOptions) =>
      query<T>(handle, client, text, params, options, false),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) =>
      client.transaction((tx) =>
        callback(
          // The transaction's other members (its closed state, rollback) stay PGlite's own.
          Object.assign(Object.create(tx) as Transaction, {
            query: <R>(text: string, params?: unknown[], options?: QueryOptions) =>
              query<R>(handle, tx, text, params, options, true),
          }),
        ),
      ),
  };
  return adapter as unknown as PGlite;
}

async function query<T>(
  handle: Handle,
  via: PGlite | Transaction,
  text: string,
  params: unknown[] = [],
  options: QueryOptions | undefined,
  inTransaction: boolean,
): Promise<Results<T>> {
  // PGlite's own path for what this one does not do: a COPY's blob, given parameter types, notices.
  const own = options?.blob || options?.paramTypes || options?.onNotice || BINDS_ROW_COUNT.test(text);
  const name = own ? undefined : handle.shapes.nameFor(text);
  if (name === undefined) return via.query<T>(text, params, options);
  const run = () =>
    handle.pg._runExclusiveQuery(() => runPrepared<T>(handle, name, text, params, options, !inTransaction));
  if (inTransaction) return run();
  await handle.pg._checkReady();
  return handle.pg._runExclusiveTransaction(run);
}

async function runPrepared<T>(
  handle: Handle,
  name: string,
  text: string,
  params: unknown[],
  options: QueryOptions | undefined,
  sync: boolean,
): Promise<Results<T>> {
  const { pg } = handle;
  const types = handle.paramTypes.get(name) ?? (await prepare(handle, name, text));
  const values = params.map((param, i) => {
    if (param === null || param === undefined) return null;
    const serialize = options?.serializers?.[types[i]!] ?? pg.serializers[types[i]!];
    return serialize ? serialize(param) : String(param);
  });
  const messages = await pg.execProtocolStream(
    concat([
      protocol.serialize.bind({ statement: name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]),
    { syncToFs: false },
  );
  if (sync) await pg.syncToFs();
  // PGlite's own reading of a result, with the caller's parsers over its defaults.
  return parse.parseResults(messages, pg.parsers, options)[0] as Results<T>;
}

/** Parses and describes the statement under its name; its parameter types serialize the values. */
async function prepare(handle: Handle, name: string, text: string): Promise<number[]> {
  const messages = await handle.pg.execProtocolStream(
    concat([
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]),
    { syncToFs: false },
  );
  const types = parse.parseDescribeStatementResults(messages);
  handle.paramTypes.set(name, types);
  return types;
}

/** One call into WebAssembly for the messages together. */
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
