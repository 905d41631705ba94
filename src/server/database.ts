import path from 'node:path';
import { type Database, openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { openEmbeddedDatabase } from '../db/pglite-base.ts';
import { loadSecretsKey, SecretBox } from '../lib/secret-box.ts';
import { sealPlainWebhookSecrets } from '../modules/webhooks/index.ts';
import type { AppConfig } from './config.ts';

/**
 * Opens the configured database and brings it to the latest schema. The embedded one starts from the
 * migrated base `vmeste prepare` cached at install, when there is one (src/db/pglite-base.ts), and
 * seals the webhook secrets still stored in plain text.
 */
export async function openMigratedDatabase(config: AppConfig): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({
        databaseUrl: config.databaseUrl,
        schema: config.dbSchema,
        poolSize: config.dbPoolSize,
      })
    : (await openEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pglite'), schema: config.dbSchema }))
        .database;
  await migrate(database, config.dbSchema);
  // Secrets written before encryption at rest are sealed now, not at their next rotation.
  await sealPlainWebhookSecrets(
    database.db,
    new SecretBox(loadSecretsKey(config.secretsKey, config.dataDir)),
  );
  return database;
}
