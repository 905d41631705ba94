import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
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
 * What PGlite's `query` does around a statement is kept: its mutexes (outside a transaction a
 * statement waits for a running one; inside, for the transaction's previous statement), its type
 * serializers and parsers with the caller's parsers over them, both row modes, and its errors.
 */

type Field = { name: string; dataTypeID: number };
type Message = { name: string } & Record<string, unknown>;

/** The internals of PGlite this relies on (public members with a leading underscore, in 0.5). */
type PgliteInternals = {
  _checkReady(): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolStream(message: Uint8Array, options?: { syncToFs?: boolean }): Promise<Message[]>;
  syncToFs(): Promise<void>;
  serializers: Record<number, (value: unknown) => string>;
  parsers: Record<number, (value: string, typeId: number) => unknown>;
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
    concat([bind(name, values), describePortal(), execute(), syncMessage()]),
    { syncToFs: false },
  );
  if (sync) await pg.syncToFs();
  return resultOf<T>(messages, { ...pg.parsers, ...options?.parsers }, options?.rowMode ?? 'object');
}

/** Parses and describes the statement under its name; its parameter types serialize the values. */
async function prepare(handle: Handle, name: string, text: string): Promise<number[]> {
  const messages = await handle.pg.execProtocolStream(
    concat([parse(name, text), describeStatement(name), syncMessage()]),
    { syncToFs: false },
  );
  const types = (messages.find((m) => m.name === 'parameterDescription')?.dataTypeIDs as number[]) ?? [];
  handle.paramTypes.set(name, types);
  return types;
}

type Parsers = Record<number, (value: string, typeId: number) => unknown>;

/** The result as PGlite's `query` gives it (its parseResults, for one statement). */
function resultOf<T>(messages: Message[], parsers: Parsers, rowMode: 'object' | 'array'): Results<T> {
  let fields: Field[] = [];
  const rows: unknown[] = [];
  let affectedRows = 0;
  const parse = (value: string | null, typeId: number) => {
    if (value === null) return null;
    const parser = parsers[typeId];
    return parser ? parser(value, typeId) : value;
  };
  for (const message of messages) {
    if (message.name === 'rowDescription')
      fields = (message.fields as Field[]).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    else if (message.name === 'dataRow') {
      const values = (message.fields as (string | null)[]).map((v, i) => parse(v, fields[i]!.dataTypeID));
      rows.push(
        rowMode === 'array' ? values : Object.fromEntries(values.map((v, i) => [fields[i]!.name, v])),
      );
    } else if (message.name === 'commandComplete') {
      // "INSERT 0 5", "UPDATE 3", "DELETE 1": the count ends the tag of a statement that changes rows.
      const [command, ...rest] = (message.text as string).split(' ');
      if (['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(command!)) affectedRows += Number(rest.at(-1));
    }
  }
  return { rows: rows as T[], fields, affectedRows };
}

// The frontend messages of PostgreSQL's extended query protocol ("Message Formats").

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cString = (s: string) => Buffer.from(`${s}\0`, 'utf8');

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

/** Parse with no parameter types: PostgreSQL infers them, as for PGlite's `query`. */
const parse = (name: string, text: string) =>
  message('P', Buffer.concat([cString(name), cString(text), int16(0)]));

const describeStatement = (name: string) => message('D', Buffer.concat([Buffer.from('S'), cString(name)]));

const describePortal = () => message('D', Buffer.concat([Buffer.from('P'), cString('')]));

/** Bind to the unnamed portal, every value and result in text format. */
function bind(name: string, values: (string | null)[]): Buffer {
  const parts: Buffer[] = [cString(''), cString(name), int16(0), int16(values.length)];
  for (const value of values) {
    if (value === null) parts.push(int32(-1));
    else {
      const bytes = Buffer.from(value, 'utf8');
      parts.push(int32(bytes.length), bytes);
    }
  }
  parts.push(int16(0));
  return message('B', Buffer.concat(parts));
}

const execute = () => message('E', Buffer.concat([cString(''), int32(0)]));

const syncMessage = () => message('S', Buffer.alloc(0));

const concat = (parts: Buffer[]) => new Uint8Array(Buffer.concat(parts));
