import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { STREETS_BY_DISTRICT } from '../src/demo/streets.ts';
import {
  finishAddressImport,
  parseAddress,
  reverseGeocode,
  searchAddresses,
} from '../src/modules/addresses/index.ts';
import { insertRule, routeByRules } from '../src/modules/routing/index.ts';
import { dropDatabase, recreateDatabase } from './postgres-databases.ts';

/**
 * The address registry and rule-change benchmarks (docs/performance.md, issue 11 item 6):
 * - search and reverse look-up latency over ADDRESSES synthetic addresses (real street names of the
 *   demo region, multiplied into a city-sized registry) on PostgreSQL;
 * - how long a routing-rule change takes to reach another node (a second connection pool, as a
 *   second app node has).
 * Run: DATABASE_URL=postgres://… npm run bench -- addresses (creates and drops vmeste_bench_addr).
 */
const DB = 'vmeste_bench_addr';
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 1_000_000);
const HOUSES_PER_STREET = 400;
const QUERIES = 1000;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Street names: the demo's real ones, then numbered variants of them until the city is big enough. */
function streetNames(count: number): string[] {
  const real = [...new Set(Object.values(STREETS_BY_DISTRICT).flatMap((list) => list.map((s) => s.street)))];
  const names: string[] = [...real];
  const roots = ['Садовая', 'Лесная', 'Полевая', 'Заречная', 'Школьная', 'Озёрная', 'Берёзовая', 'Морская'];
  for (let i = 1; names.length < count; i++)
    names.push(`${i}-я ${roots[i % roots.length]} улица`, `улица Строителей ${i}-го квартала`);
  return names.slice(0, count);
}

/** A deterministic pseudo-random sequence, so every run asks the same questions. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** What residents type: abbreviations, a typo, a street typed halfway, a house with its corpus. */
function typed(street: string, house: number, r: () => number): string {
  const abbreviated = street.replace('проспект', 'пр.').replace('улица', 'ул.').replace('переулок', 'пер.');
  const k = r();
  if (k < 0.3) return `${abbreviated} ${house}`;
  if (k < 0.5) {
    const i = 1 + Math.floor(r() * (street.length - 2));
    return `${street.slice(0, i)}${street.slice(i + 1)} ${house}`;
  }
  if (k < 0.7)
    return street
      .split(' ')
      .sort((a, b) => b.length - a.length)[0]!
      .slice(0, 5);
  if (k < 0.85) return `${abbreviated} д. ${house} к. 1`;
  return street;
}

export async function runAddressBench(baseUrl: string): Promise<void> {
  const url = await recreateDatabase(baseUrl, DB);
  const nodeA = openPostgres({ databaseUrl: url, schema: 'public' }).database;
  const nodeB = openPostgres({ databaseUrl: url, schema: 'public' }).database;
  try {
    await migrate(nodeA, 'public');
    await seedReference(nodeA.db);

    // ---- a city-sized registry, loaded in one statement with its search indexes built after ----
    const streets = streetNames(Math.ceil(ADDRESSES / HOUSES_PER_STREET));
    const started = performance.now();
    await nodeA.db.execute(sql`
      INSERT INTO addresses (source, external_id, address, street_key, house, house_number, building, location)
      SELECT 'bench', s.i || '-' || h, s.name || ', дом ' || h || CASE WHEN h % 7 = 0 THEN ', корпус 1' ELSE '' END,
             s.key, h::text, h, CASE WHEN h % 7 = 0 THEN 'к1' END,
             ST_SetSRID(ST_MakePoint(30.10 + random() * 0.45, 59.80 + random() * 0.25), 4326)
      FROM unnest(${sql.param(streets)}::text[], ${sql.param(streets.map((n) => parseAddress(n).street))}::text[])
           WITH ORDINALITY AS s(name, key, i)
      CROSS JOIN generate_series(1, ${HOUSES_PER_STREET}) AS g(h)
      -- A registry arrives street by street (a ГАР/ФИАС extract does): a street's houses share pages.
      ORDER BY s.i, g.h
      LIMIT ${ADDRESSES}`);
    await finishAddressImport(nodeA.db);
    const [loaded] = await queryRows<{ n: number }>(nodeA.db, sql`SELECT count(*)::int AS n FROM addresses`);
    console.log(
      `addresses: ${loaded?.n} loaded and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // ---- search and reverse: latency of one request at a time (after a warm-up) ----
    const r = rng(42);
    const questions = Array.from({ length: QUERIES }, () => {
      const street = streets[Math.floor(r() * streets.length)]!;
      return typed(street, 1 + Math.floor(r() * HOUSES_PER_STREET), r);
    });
    const points = Array.from({ length: QUERIES }, () => ({
      lat: 59.8 + r() * 0.25,
      lon: 30.1 + r() * 0.45,
      radius: 150,
    }));
    const measure = async (label: string, runs: (() => Promise<unknown>)[]) => {
      for (const run of runs.slice(0, 50)) await run();
      const times: number[] = [];
      for (const run of runs) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}: ${runs.length} requests, p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`,
      );
    };
    let hits = 0;
    await measure(
      'address search',
      questions.map((q) => async () => {
        if ((await searchAddresses(nodeB.db, { q, limit: 8 })).items.length > 0) hits++;
      }),
    );
    console.log(`  answered with suggestions: ${hits} of ${QUERIES + 50} (warm-up included)`);
    await measure(
      'reverse look-up',
      points.map((p) => () => reverseGeocode(nodeB.db, p).catch(() => null)),
    );

    // ---- a rule change, seen by another node ----
    const [ids] = await queryRows<{ category: string; territory: string; org: string }>(
      nodeA.db,
      sql`SELECT (SELECT id FROM categories WHERE code = 'other-issue') AS category,
          (SELECT id FROM territories WHERE code = 'tsentralny') AS territory,
          (SELECT id FROM organisations WHERE code = 'city-light') AS org`,
    );
    if (!ids) throw new Error('the demo reference data is missing');
    const { category, territory, org } = ids;
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const ruleId = await insertRule(
        nodeA.db,
        {
          categoryId: category,
          territoryId: territory,
          organisationId: org,
          priority: i,
          validFrom: null,
          validTo: null,
        },
        new Date(),
      );
      for (;;) {
        const decision = await routeByRules(nodeB.db, category, territory, new Date());
        if (decision.method === 'rule' && decision.ruleId === ruleId) break;
        if (performance.now() - t0 > 10_000) throw new Error('the rule never reached the other node');
      }
      delays.push(performance.now() - t0);
    }
    delays.sort((a, b) => a - b);
    console.log(
      `rule change → decision on another node: ${delays.length} changes, p50 ${pct(delays, 0.5).toFixed(2)} ms, max ${delays.at(-1)!.toFixed(2)} ms`,
    );
  } finally {
    await nodeA.close();
    await nodeB.close();
    await dropDatabase(url);
  }
}
