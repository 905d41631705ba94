import type { TestProject } from 'vitest/node';
import { checkCoordinator, citusRunPrefix, citusTestMode, dropCitusTestSchemas } from './citus.ts';
import {
  buildPgliteTemplate,
  buildPostgresTemplate,
  type CitusTemplate,
  dropPostgresDatabases,
  type PgliteTemplate,
  type PostgresTemplate,
} from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: PgliteTemplate | PostgresTemplate | CitusTemplate;
  }
}

/** Builds the migrated, reference-seeded template once for the whole run (PGlite, or PostgreSQL with DATABASE_URL). */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url && citusTestMode()) {
    console.log(
      `[vmeste tests] database: Citus coordinator (${await checkCoordinator(url)}), a schema per file`,
    );
    const prefix = citusRunPrefix();
    project.provide('dbTemplate', { kind: 'citus', url, prefix });
    return async () => dropCitusTestSchemas(url, prefix);
  }
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
