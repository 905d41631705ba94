import type { TestProject } from 'vitest/node';
import {
  buildPgliteTemplate,
  buildPostgresTemplate,
  dropPostgresDatabases,
  type PgliteTemplate,
  type PostgresTemplate,
} from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: PgliteTemplate | PostgresTemplate;
  }
}

/** Builds the migrated, reference-seeded template once for the whole run (PGlite, or PostgreSQL with DATABASE_URL). */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = await buildPostgresTemplate(url);
    project.provide('dbTemplate', { kind: 'postgres', url, name });
    console.log(`[vmeste tests] database: PostgreSQL (template ${name})`);
    return async () => dropPostgresDatabases(url, name);
  }
  project.provide('dbTemplate', await buildPgliteTemplate());
  console.log('[vmeste tests] database: PGlite (embedded)');
  return undefined;
}
