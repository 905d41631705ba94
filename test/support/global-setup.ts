import type { TestProject } from 'vitest/node';
import {
  checkCoordinator,
  citusRunPrefix,
  citusTestMode,
  dropAbandonedCitusSchemas,
  dropCitusTestSchemas,
  holdRunLock,
} from './citus.ts';
import { buildServerBundle } from './server-bundle.ts';
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
  // The servers that process-level checks start run from one bundle (test/support/server-bundle.ts),
  // built while the database template is.
  const [dropDatabases, bundle] = await Promise.all([setUpDatabase(project), buildServerBundle('suite')]);
  process.env.VMESTE_TEST_SERVER_BUNDLE = bundle.entry;
  return async () => {
    await bundle.remove();
    await dropDatabases?.();
  };
}

async function setUpDatabase(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.DATABASE_URL;
  if (url && citusTestMode()) {
    console.log(
      `[vmeste tests] database: Citus coordinator (${await checkCoordinator(url)}), a schema per file`,
    );
    const prefix = citusRunPrefix();
    const alive = await holdRunLock(url, prefix);
    const abandoned = await dropAbandonedCitusSchemas(url, prefix);
    if (abandoned.length > 0)
      console.log(
        `[vmeste tests] dropped the schemas of ${abandoned.length} earlier run(s) that did not finish`,
      );
    project.provide('dbTemplate', { kind: 'citus', url, prefix });
    return async () => {
      await dropCitusTestSchemas(url, prefix);
      await alive.release();
    };
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
