import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { openEmbeddedDatabase } from '../db/pglite-base.ts';
import { initRegion, RegionFileError, SETUP_LINK_TTL_MS } from '../db/seed/region.ts';
import { systemClock } from '../lib/clock.ts';
import { loadConfig } from '../server/config.ts';

const USAGE =
  'vmeste region-init --territories FILE.geojson --admin-email EMAIL --admin-name NAME [--public-url URL]';

/**
 * `vmeste region-init`: a real region's territories, the category catalogue and its first
 * administrator, into the empty schema named by DB_SCHEMA (migrated first). Prints the link the
 * administrator opens to choose a password. Exit code 1 with every problem listed otherwise.
 */
export async function runRegionInit(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      territories: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  if (!values.territories || !values['admin-email'] || !values['admin-name'])
    throw new Error(`Usage: ${USAGE}`);
  const config = loadConfig();
  const origin = (values['public-url'] ?? config.publicUrl ?? `http://localhost:${config.port}`).replace(
    /\/$/,
    '',
  );
  let territories: unknown;
  try {
    territories = JSON.parse(readFileSync(values.territories, 'utf8'));
  } catch (error) {
    throw new Error(`${values.territories}: not a readable JSON file (${(error as Error).message})`);
  }
  const database = config.databaseUrl
    ? await openDatabase({ databaseUrl: config.databaseUrl, schema: config.dbSchema })
    : (await openEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pglite'), schema: config.dbSchema }))
        .database;
  try {
    await migrate(database, config.dbSchema);
    const loaded = await initRegion(database.db, systemClock, {
      territories,
      admin: { email: values['admin-email'], name: values['admin-name'] },
      origin,
    });
    console.log(
      `Region loaded into schema ${config.dbSchema}: ${loaded.territories} territories, ${loaded.categories} categories.`,
    );
    console.log(
      `First administrator: ${loaded.adminEmail}. To choose a password, open within ${SETUP_LINK_TTL_MS / 3_600_000} hours:`,
    );
    console.log(`  ${loaded.setupLink}`);
    console.log('(Later, "Forgot password?" on the sign-in page sends a new link.)');
  } catch (error) {
    if (error instanceof RegionFileError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await database.close();
  }
}
