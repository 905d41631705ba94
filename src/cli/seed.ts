import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { openEmbeddedDatabase } from '../db/pglite-base.ts';
import { seedDemoCityWorks } from '../db/seed/demo-city-works.ts';
import { seedDemoDiscussions } from '../db/seed/demo-discussions.ts';
import { seedDemoKnowledge } from '../db/seed/demo-knowledge.ts';
import { recordDemoModel, trainDemoModelAside } from '../db/seed/demo-model.ts';
import { seedDemoParticipation } from '../db/seed/demo-participation.ts';
import { seedDemoReports } from '../db/seed/demo-reports.ts';
import { seedDemoTemplates } from '../db/seed/demo-templates.ts';
import { seedReference } from '../db/seed/reference.ts';
import { DEMO_EMAIL_DOMAIN, printDemoLogins } from '../demo/users.ts';
import { startOfHour } from '../lib/clock.ts';
import { seedDemoAddresses } from '../modules/addresses/index.ts';
import { countTerritories } from '../modules/reference/index.ts';
import { type AppConfig, loadConfig } from '../server/config.ts';
import { startProgress } from './progress.ts';

/** Generated reports the demo's first classifier learns from. */
const DEMO_TRAINING_REPORTS = 2500;

/**
 * The demo region in two parts. The first — territories, categories, organisations, the demo users,
 * answer templates — is what a page and a log-in need; `reports()` then carries the generated reports
 * through the services and trains the first classifier (the long part, ~0.2 s a report on the
 * embedded database), so that `serve` can call it after it has started listening.
 */
async function seedDemo(
  config: AppConfig,
  database: Database,
  count: number,
  quiet = false,
): Promise<{ reports: () => Promise<void> }> {
  const started = Date.now();
  const ids = await seedReference(database.db);
  // The address registry: from the shared reports' addresses when present, else a bundled extract.
  const registry = await seedDemoAddresses(database.db);
  console.log(`Address registry: ${registry.count} addresses (${registry.source}).`);
  // answer quality: a few answer templates for the answer form
  await seedDemoTemplates(database.db, ids);
  // knowledge base and directory: thirty articles (ru + en) and the organisations' hours
  await seedDemoKnowledge(database.db, ids);
  // Polls, votes, discussions and notices open and close on the hour, as staff would set them.
  const onTheHour = startOfHour(new Date());
  // participation: a survey, a closed poll and a road-repair vote with a few answers
  await seedDemoParticipation(database.db, ids, onTheHour);
  // discussions and initiatives: an open and a finished discussion, one initiative collecting support
  await seedDemoDiscussions(database.db, ids, config, onTheHour);
  // notices and city objects: an outage and road works in force, works to come, objects with their works
  await seedDemoCityWorks(database.db, ids, onTheHour);
  console.log('Demo log-ins (demo only — never use these accounts in production):');
  printDemoLogins();
  console.log(
    `Every organisation also has an operator: operator.<organisation-code>@${DEMO_EMAIL_DOMAIN}, same password.`,
  );
  const reports = async () => {
    const now = new Date();
    // The demo's first classifier, trained on the generator's own reports (never on real data), in a
    // child process while the reports go in: its stages are noted as they finish.
    const progress = startProgress({ label: 'Seeding the demo', unit: 'reports', total: count, quiet });
    const trained = trainDemoModelAside(config.dataDir, now, DEMO_TRAINING_REPORTS, (m) =>
      progress.note(`classifier ${m}`),
    );
    // Observed at once: a failure must not be an unhandled rejection while the reports still go in.
    const settled = trained.then(
      (model) => ({ model }),
      (error: unknown) => ({ error }),
    );
    const result = await seedDemoReports(database.db, ids, config, {
      count,
      now,
      onProgress: (done) => progress.update(done),
    });
    progress.stop();
    const outcome = await settled;
    if ('error' in outcome) throw outcome.error;
    const { model } = outcome;
    await recordDemoModel(database.db, model, now);
    console.log(
      `Seeded the demo region (St Petersburg: ${ids.territories.size - 1} districts, ${ids.categories.size} categories, ` +
        `${ids.organisations.size} organisations, ${result.created} reports, a classifier trained on ${model.trainedOn} ` +
        `generated reports) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  };
  return { reports };
}

/**
 * On first start of the embedded database, the demo region is loaded so the platform can be tried
 * at once. PostgreSQL deployments are seeded only when asked (SEED_DEMO=true or `vmeste seed`).
 * Resolves once the region and its users exist; the returned `reports()` loads the demo reports
 * (null when nothing is seeded).
 */
export async function seedIfEmpty(
  config: AppConfig,
  database: Database,
): Promise<{ reports: () => Promise<void> } | null> {
  const wanted = config.seedDemo === 'auto' ? database.engine === 'pglite' : config.seedDemo;
  if (!wanted) return null;
  if ((await countTerritories(database.db)) > 0) return null;
  return seedDemo(config, database, 300);
}

export async function runSeed(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { reports: { type: 'string', default: '300' }, quiet: { type: 'boolean', default: false } },
  });
  const reports = Number(values.reports);
  if (!Number.isInteger(reports) || reports < 0 || reports > 100_000)
    throw new Error('--reports must be an integer from 0 to 100000');
  const config = loadConfig();
  const database = config.databaseUrl
    ? await openDatabase({ databaseUrl: config.databaseUrl, schema: config.dbSchema })
    : (await openEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pglite'), schema: config.dbSchema }))
        .database;
  try {
    await migrate(database, config.dbSchema);
    if ((await countTerritories(database.db)) > 0) {
      console.log('The database already holds a region; the demo seed only loads into an empty one.');
      return;
    }
    await (await seedDemo(config, database, reports, values.quiet)).reports();
  } finally {
    await database.close();
  }
}
