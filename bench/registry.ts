import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { systemClock } from '../src/lib/clock.ts';
import { inAppTopicNotifier } from '../src/modules/notifications/index.ts';
import { importObjects, type ObjectsDeps } from '../src/modules/objects/index.ts';
import { dropDatabase, recreateDatabase, withDatabase } from './postgres-databases.ts';

/**
 * The registry import (docs/objects.md, "How long an import takes"): a city's object registry and a
 * works programme on it, as CSV files an administrator uploads, through the import service — the
 * first import (every row new), the same file again (every row unchanged), and the file with a tenth
 * of its rows changed. PostgreSQL with DATABASE_URL (its own database, dropped after), else the
 * embedded database in a temporary directory.
 *   npm run bench -- registry [--objects 20000]
 */
const BENCH_DB = 'vmeste_bench_registry';
const KINDS = ['Школа', 'Парк', 'Двор', 'Дорога'];
const STATES = ['Запланировано', 'В работе', 'Выполнено', 'Отменено'];

const objectsMapping = {
  source: 'bench-registry',
  format: 'csv',
  columns: { externalId: 'id', name: 'name', kind: 'type', address: 'address', lat: 'lat', lon: 'lon' },
  kinds: { Школа: 'school', Парк: 'park', Двор: 'yard', Дорога: 'road' },
};
const worksMapping = {
  source: 'bench-programme',
  records: 'works',
  objectSource: 'bench-registry',
  format: 'csv',
  csv: { delimiter: ';' },
  columns: {
    externalId: 'work_id',
    object: 'object_id',
    title: 'work',
    status: 'state',
    budget: 'sum',
    plannedStart: 'start',
    plannedEnd: 'end',
  },
  statuses: {
    Запланировано: 'planned',
    'В работе': 'in_progress',
    Выполнено: 'completed',
    Отменено: 'cancelled',
  },
};

type Box = { west: number; south: number; east: number; north: number };

/** The registry as its CSV: `revision` renames every tenth object (0: as first exported). */
function objectsCsv(count: number, box: Box, revision: number): string {
  const lines = ['id,name,type,address,lat,lon'];
  for (let i = 0; i < count; i++) {
    const renamed = revision > 0 && i % 10 === 0 ? ` (ред. ${revision})` : '';
    const lat = box.south + ((i * 7919) % 10_007) * ((box.north - box.south) / 10_007);
    const lon = box.west + ((i * 104_729) % 10_009) * ((box.east - box.west) / 10_009);
    lines.push(
      `obj-${i},Объект № ${i}${renamed},${KINDS[i % KINDS.length]},"Улица ${i % 500}, дом ${i % 97}",${lat.toFixed(6)},${lon.toFixed(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One work on each object; `revision` moves every tenth one to its next state. */
function worksCsv(count: number, revision: number): string {
  const lines = ['work_id;object_id;work;state;sum;start;end'];
  for (let i = 0; i < count; i++) {
    const state = STATES[(i + (revision > 0 && i % 10 === 0 ? 1 : 0)) % 3]!;
    lines.push(`w-${i};obj-${i};Ремонт № ${i};${state};${1000 + i},50;01.03.2026;30.09.2026`);
  }
  return `${lines.join('\n')}\n`;
}

async function openBenchDatabase(dir: string): Promise<{ database: Database; engine: string }> {
  const url = process.env.DATABASE_URL;
  const database = url
    ? openPostgres({ databaseUrl: await recreateDatabase(url, BENCH_DB), schema: 'public', poolSize: 4 })
        .database
    : (await openPglite({ dataDir: path.join(dir, 'pglite'), schema: 'public' })).database;
  await migrate(database, 'public');
  await seedReference(database.db);
  return { database, engine: url ? 'PostgreSQL' : 'the embedded database' };
}

export async function runRegistryBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { objects: { type: 'string', default: '20000' } } });
  const count = Number(values.objects);
  const dir = mkdtempSync(path.join(tmpdir(), 'vmeste-registry-bench-'));
  const { database, engine } = await openBenchDatabase(dir);
  try {
    const [box] = await queryRows<Box>(
      database.db,
      sql`SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
          FROM (SELECT ST_Extent(geom) AS e FROM territories WHERE kind = 'district') x`,
    );
    const deps: ObjectsDeps = { db: database.db, clock: systemClock, notifier: inAppTopicNotifier() };
    console.log(
      `Vmeste benchmark — registry import of ${count} objects and ${count} works on ${engine}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const run = async (label: string, mapping: object, content: string) => {
      const started = performance.now();
      const r = await importObjects(deps, null, { mapping, content }, 'en');
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(r.read / seconds)
          .toString()
          .padStart(6)} rows/s  (${(content.length / 2 ** 20).toFixed(1)} MB; created ${r.created}, updated ${
          r.updated
        }, unchanged ${r.unchanged}, failed ${r.failed})`,
      );
      if (r.failed > 0) throw new Error(`${label}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    };
    await run('objects, first import', objectsMapping, objectsCsv(count, box!, 0));
    await run('objects, the same file again', objectsMapping, objectsCsv(count, box!, 0));
    await run('objects, a tenth changed', objectsMapping, objectsCsv(count, box!, 1));
    await run('works, first import', worksMapping, worksCsv(count, 0));
    await run('works, the same file again', worksMapping, worksCsv(count, 0));
    await run('works, a tenth changed', worksMapping, worksCsv(count, 1));
  } finally {
    await database.close();
    if (process.env.DATABASE_URL) await dropDatabase(withDatabase(process.env.DATABASE_URL, BENCH_DB));
    rmSync(dir, { recursive: true, force: true });
  }
}
