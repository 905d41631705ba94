import pg from 'pg';

/**
 * Whole databases on a PostgreSQL server, for the benchmarks' and the tests' own databases (a
 * scenario's data set, a test file's copy, the browser tests' seed). Names are the callers' own
 * constants or built from a process id, never user input: they are written into the statements.
 */

/** The same server's URL with another database (the maintenance database `postgres` by default). */
export function withDatabase(url: string, name = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `use` on a connection to the server's maintenance database, closed afterwards. */
export async function onServer<T>(url: string, use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(url) });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The database `name` on the server of `url`, empty: an earlier one of that name is dropped first,
 * its connections closed (a run killed before its clean-up). Returns its URL.
 */
export async function recreateDatabase(url: string, name: string): Promise<string> {
  await onServer(url, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  return withDatabase(url, name);
}

/** Drops the database `url` names (the connections still open to it are closed). */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await onServer(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
