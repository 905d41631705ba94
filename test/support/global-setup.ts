import type { TestProject } from 'vitest/node';
import { checkCoordinator, citusRunPrefix, citusTestMode, dropCitusTestSchemas } from './citus.ts';
import { buildPgliteTemplate, buildPostgresTemplate, dropPostgresDatabases } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate:
      | { kind: 'pglite'; file: string }
      | { kind: 'postgres'; url: string; name: string }
      | { kind: 'citus'; url: string; prefix: string };
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
  const file = await buildPgliteTemplate();
  project.provide('dbTemplate', { kind: 'pglite', file });
  console.log('[vmeste tests] database: PGlite (embedded)');
  return undefined;
}
