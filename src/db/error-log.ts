/**
 * What of an error may be logged. A failed query's error carries its parameters (drizzle puts them
 * in the message: e-mails, password hashes, report texts, names) and PostgreSQL's own message and
 * detail quote values too ("Key (email)=(…) already exists"). For those only the statement, the
 * SQLSTATE code and the names of the constraint, table and column are kept; other errors keep
 * their type, message and stack.
 */

type PgLikeError = Error & {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
};

/** drizzle-orm's DrizzleQueryError, recognised by shape (its class is not part of the public API). */
function isQueryError(err: unknown): err is Error & { query: string; params: unknown[]; cause?: unknown } {
  return err instanceof Error && typeof (err as { query?: unknown }).query === 'string' && 'params' in err;
}

/** node-postgres' and PGlite's DatabaseError: a five-character SQLSTATE and a severity. */
function isDatabaseError(err: unknown): err is PgLikeError {
  if (!(err instanceof Error)) return false;
  const e = err as PgLikeError;
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
}

/** The stack's frames only: its first line repeats the message, which may quote values. */
function framesOf(err: Error): string | undefined {
  return err.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

const STATEMENT_MAX = 300;

export type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

export function describeError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  let query: string | undefined;
  let db: PgLikeError | undefined;
  for (let e: unknown = err, hops = 0; e instanceof Error && hops < 5; e = e.cause, hops++) {
    if (isQueryError(e)) query = e.query;
    if (isDatabaseError(e)) db = e;
  }
  if (query === undefined && db === undefined)
    return { type: err.name, message: err.message, stack: err.stack ?? '' };
  const out: LoggedError = { type: 'DatabaseError', message: 'database query failed', stack: '' };
  // The statement's text has placeholders ($1, $2…), never the values bound to them.
  if (query !== undefined) out.statement = query.replace(/\s+/g, ' ').slice(0, STATEMENT_MAX);
  if (db) {
    out.code = db.code;
    for (const key of ['constraint', 'table', 'column', 'routine'] as const)
      if (typeof db[key] === 'string') out[key] = db[key];
  }
  out.stack = framesOf(err) ?? '';
  return out;
}

/** One line for places that write to stderr instead of the structured log. */
export function errorSummary(err: unknown): string {
  const d = describeError(err);
  if (d.type !== 'DatabaseError') return String(d.message);
  return `database query failed (${String(d.code ?? 'no code')}): ${String(d.statement ?? '')}`;
}
