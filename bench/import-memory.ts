/**
 * Import in bounded memory: generates a gzipped JSONL export of N reports (realistic texts and
 * points from the demo generator, 1 in 100 lines broken on purpose), imports it into a fresh
 * database and reports throughput and the importer's peak resident memory.
 *
 *   npx tsx bench/import-memory.ts --lines 1000000            # PostgreSQL when DATABASE_URL is set
 *   npx tsx bench/import-memory.ts --lines 100000             # else PGlite in a temporary directory
 *
 * On PostgreSQL the database is a separate process, so the peak RSS is the importer's alone; with
 * PGlite the embedded database's own buffers are in the same process (and counted). Figures:
 * docs/import.md.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { type Database, openPglite, openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { generateIntakeBodies } from '../src/demo/report-generator.ts';
import { systemClock } from '../src/lib/clock.ts';
import { runImport } from '../src/modules/import/index.ts';
import { recreateDatabase } from './postgres-databases.ts';

const BENCH_DB = 'vmeste_bench_import';

async function writeExport(file: string, lines: number): Promise<void> {
  // A pool of generated bodies, reused with a fresh id and a jittered point: generating a million
  // distinct texts would measure the generator, not the import.
  const pool = generateIntakeBodies(5000, 7);
  const gzip = createGzip({ level: 1 });
  const out = gzip.pipe(createWriteStream(file));
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < lines; i++) {
    const b = pool[i % pool.length]!;
    const jitter = ((i * 7919) % 1000) / 1e6;
    const line =
      i % 100 === 99
        ? '{"id": broken\n'
        : `${JSON.stringify({
            id: i + 1,
            dt: new Date(start + i * 60_000).toISOString(),
            text: b.text,
            category: b.categoryCode,
            lat: b.lat + jitter,
            lon: b.lon - jitter,
            address: b.address,
          })}\n`;
    if (!gzip.write(line)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
}

async function openBenchDatabase(dir: string): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const { database } = await openPglite({ dataDir: path.join(dir, 'pglite'), schema: 'public' });
    await migrate(database, 'public');
    await seedReference(database.db);
    return database;
  }
  const databaseUrl = await recreateDatabase(url, BENCH_DB);
  const { database } = openPostgres({ databaseUrl, schema: 'public', poolSize: 2 });
  await migrate(database, 'public');
  await seedReference(database.db);
  return database;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function main() {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '100000' } } });
  const lines = Number(values.lines);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-import-bench-'));
  const input = path.join(dir, 'export.jsonl.gz');
  const mappingFile = path.join(dir, 'mapping.json');
  try {
    await writeExport(input, lines);
    const mapping = {
      source: 'bench',
      format: 'jsonl',
      columns: {
        externalId: 'id',
        text: 'text',
        createdAt: 'dt',
        lat: 'lat',
        lon: 'lon',
        category: 'category',
        address: 'address',
      },
    };
    await import('node:fs/promises').then((fs) => fs.writeFile(mappingFile, JSON.stringify(mapping)));
    const database = await openBenchDatabase(dir);
    const engine = database.engine;
    try {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      let peakHeap = 0;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 100);
      const started = Date.now();
      const totals = await runImport(
        { db: database.db, clock: systemClock, config: { regionToleranceMeters: 3000 } },
        {
          mappingFile,
          input,
          errorsFile: path.join(dir, 'errors.jsonl'),
          onProgress: (t) => {
            if (t.read % 100_000 < 500)
              process.stderr.write(`  ${t.read} lines, rss ${mb(process.memoryUsage().rss)}\n`);
          },
        },
      );
      clearInterval(sampler);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        JSON.stringify({
          engine,
          lines,
          fileBytes: statSync(input).size,
          ...totals,
          seconds: Number(seconds.toFixed(1)),
          linesPerSecond: Math.round(lines / seconds),
          rssBefore: mb(baseline),
          rssPeak: mb(peak),
          heapUsedPeak: mb(peakHeap),
        }),
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
