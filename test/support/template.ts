import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onServer, recreateDatabase, withDatabase } from '../../bench/postgres-databases.ts';
import { type Database, openPglite, openPostgres } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedReference } from '../../src/db/seed/reference.ts';
import { openCitusTestDatabase } from './citus.ts';
import { pgliteBase } from './pglite-base.ts';
import { openKeptPglite } from './pglite-kept.ts';
import { slimDataDir } from './slim-data-dir.ts';

/**
 * The suite builds one migrated database with the demo region's reference data, then gives every test
 * file its own copy: a dumped PGlite data directory, or a PostgreSQL database created from a template.
 */
export const TEMPLATE_DB_PREFIX = 'vmeste_test_template';

export type PgliteTemplate = { kind: 'pglite'; file: string; postgisBundle: string };
export type PostgresTemplate = { kind: 'postgres'; url: string; name: string };
/** Citus: one distributed schema per test file, migrated when the file opens it (test/support/citus.ts). */
export type CitusTemplate = { kind: 'citus'; url: string; prefix: string };

/** template1 and template0 (their OIDs are fixed by initdb): a copy never creates a database. */
const TEMPLATE_DATABASES = ['base/1', 'base/4'];

export async function buildPgliteTemplate(): Promise<PgliteTemplate> {
  const { postgisBundle, dataDir } = await pgliteBase();
  const { database, client } = await openPglite({
    dataDir: 'memory://',
    schema: 'public',
    loadDataDir: dataDir,
    postgisBundle,
  });
  await migrate(database, 'public');
  await seedReference(database.db);
  // Without a checkpoint every copy would replay the whole migration's WAL when it starts.
  await client.exec('CHECKPOINT');
  const { rows } = await client.query<{ redo: string; checkpoint: string }>(
    'SELECT pg_walfile_name(redo_lsn) AS redo, pg_walfile_name(checkpoint_lsn) AS checkpoint FROM pg_control_checkpoint()',
  );
  const dump = new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vmeste-test-')), 'template.tar');
  writeFileSync(file, slimDataDir(dump, [rows[0]!.redo, rows[0]!.checkpoint], TEMPLATE_DATABASES));
  await database.close();
  return { kind: 'pglite', file, postgisBundle };
}

export async function buildPostgresTemplate(databaseUrl: string): Promise<string> {
  const name = `${TEMPLATE_DB_PREFIX}_${process.pid}`;
  const { database } = openPostgres({
    databaseUrl: await recreateDatabase(databaseUrl, name),
    schema: 'public',
    poolSize: 2,
  });
  await migrate(database, 'public');
  await seedReference(database.db);
  await database.close();
  return name;
}

/** Drops the run's template database and every file's copy of it. */
export async function dropPostgresDatabases(databaseUrl: string, templateName: string): Promise<void> {
  await onServer(databaseUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      // The template and its file copies (`<template>_f…`) only: with LIKE 'vmeste_test_123%' the run
      // of process 123 would also have dropped, with FORCE, the databases of a run of process 1234.
      'SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)',
      [templateName, `${templateName}_f`],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  });
}

let counter = 0;

/**
 * A new database on the server of `url`, copied from the database `templateName`, named
 * `<template>_f<pid>_<n>` (so that dropPostgresDatabases finds it); returns its URL.
 */
export async function copyPostgresDatabase(url: string, templateName: string): Promise<string> {
  const name = `${templateName}_f${process.pid}_${counter++}`;
  await onServer(url, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`));
  return withDatabase(url, name);
}

/** A fresh database for one test file, copied from the suite's template. */
export async function openTestDatabase(
  template: PgliteTemplate | PostgresTemplate | CitusTemplate,
): Promise<Database> {
  if (template.kind === 'citus') return openCitusTestDatabase(template.url, template.prefix);
  if (template.kind === 'pglite') return openKeptPglite(template);
  const databaseUrl = await copyPostgresDatabase(template.url, template.name);
  return openPostgres({ databaseUrl, schema: 'public', poolSize: 5 }).database;
}
