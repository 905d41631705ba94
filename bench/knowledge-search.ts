/**
 * Scenario "knowledge": knowledge-base search over HTTP on 10,000 published articles (PostgreSQL).
 * The articles are the demo's sixty (Russian and English), each repeated with another article's
 * paragraph appended and a district in the title, so that a query matches hundreds of them and the
 * ranking, not the index lookup, is what is measured. Queries mix plain words, other word forms,
 * synonyms and typos, as residents type them into the report form.
 *
 *   DATABASE_URL=postgres://… npm run bench -- knowledge [--articles 10000] [--seconds 10] [--concurrency 4]
 *
 * Target: p95 < 50 ms (docs/performance.md).
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { DISTRICTS } from '../src/demo/districts.ts';
import { DEMO_ARTICLES } from '../src/demo/knowledge-articles.ts';
import { seedPublishedArticles } from '../src/modules/knowledge/index.ts';
import { runLoad } from './load.ts';
import { recreateDatabase } from './postgres-databases.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'vmeste_bench_knowledge';
const TARGET_P95_MS = 50;

export const KNOWLEDGE_QUERIES = [
  'отключили горячую воду',
  'протечка крыши',
  'атопление не греет',
  'холодные батареи в квартире',
  'в парадной не убирают',
  'лифт не работает третий день',
  'сасульки над входом',
  'переполнены мусорные контейнеры во дворе',
  'яма на дороге',
  'не горит фонарь',
  'перерасчёт за горячую воду',
  'брошенная машина',
  'hot water outage',
  'roof leak',
  'как узнать управляющую компанию',
  'крысы в подвале',
];

function articles(count: number) {
  const base = DEMO_ARTICLES.flatMap((a) => [
    { locale: 'ru' as const, ...a.ru },
    { locale: 'en' as const, ...a.en },
  ]);
  return Array.from({ length: count }, (_, i) => {
    const a = base[i % base.length]!;
    const other = base[(i * 7 + 3) % base.length]!;
    const district = DISTRICTS[i % DISTRICTS.length]!;
    const place = a.locale === 'ru' ? district.nameRu : district.nameEn;
    return { locale: a.locale, title: `${a.title}: ${place} (${i + 1})`, body: `${a.body}\n\n${other.body}` };
  });
}

async function freshDatabase(baseUrl: string, count: number): Promise<string> {
  const url = await recreateDatabase(baseUrl, BENCH_DB);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
  await migrate(database, 'public');
  await seedReference(database.db);
  const all = articles(count);
  for (let i = 0; i < all.length; i += 1000)
    await seedPublishedArticles(database.db, all.slice(i, i + 1000), new Date());
  await database.execScript('ANALYZE knowledge_articles; ANALYZE knowledge_terms;');
  await database.close();
  return url;
}

export async function runKnowledgeBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      articles: { type: 'string', default: '10000' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '4' },
      port: { type: 'string', default: '3911' },
    },
  });
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl)
    throw new Error(
      `The benchmark runs against PostgreSQL: set DATABASE_URL (it creates and drops ${BENCH_DB}).`,
    );
  const count = Number(values.articles);
  const port = Number(values.port);
  const concurrency = Number(values.concurrency);
  console.log(
    `Vmeste benchmark — knowledge search over ${count} articles, concurrency ${concurrency}, ${values.seconds} s; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const started = Date.now();
  const url = await freshDatabase(baseUrl, count);
  console.log(`loaded ${count} articles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const child = fork(path.join(here, 'server.ts'), ['app', url, String(port), 'public'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`app server exited with ${code}`)));
  });
  try {
    const result = await runLoad({
      port,
      method: 'GET',
      path: (i) =>
        `/api/v1/knowledge/search?limit=3&q=${encodeURIComponent(KNOWLEDGE_QUERIES[i % KNOWLEDGE_QUERIES.length]!)}`,
      concurrency,
      seconds: Number(values.seconds),
      warmupSeconds: Number(values.warmup),
      maxRequests: 1_000_000,
      headers: {},
    });
    console.log(
      `knowledge search (${count} articles)  ${result.throughput.toFixed(0)} req/s   p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   errors ${result.errors}/${result.requests}`,
    );
    console.log(`target: p95 < ${TARGET_P95_MS} ms ${result.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}`);
    console.log(JSON.stringify({ scenario: 'knowledge', count, concurrency, result }));
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
