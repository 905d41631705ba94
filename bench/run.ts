import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startProgress } from '../src/cli/progress.ts';
import { generateIntakeBodies } from '../src/demo/report-generator.ts';
import { ACTION_SCENARIOS, type ActionWork, actionWork } from './actions.ts';
import { cpuSampler } from './cpu.ts';
import {
  CITUS_BENCH_SCHEMA,
  freshCitusRegion,
  freshDatabase,
  json,
  startServer,
  withSchema,
} from './harness.ts';
import { runLoad } from './load.ts';
import { BENCH_NOTICES, noticeMapPath, regionBox, seedNotices } from './notices.ts';
import { type InsertPair, middleOf, printSummary, type ScenarioRun } from './summary.ts';
import { clearIntakeState, clearNotices, commonPage, openTarget, reportIds } from './targets.ts';

/**
 * Scenario "intake": report creation over HTTP (validation, territory lookup, routing, event, audit)
 * vs a bare INSERT, and "reads": the public list of reports. With CITUS_URL (a Citus coordinator) the
 * same scenarios also run against a distributed region schema there, alternating with plain
 * PostgreSQL scenario by scenario so that both see the same machine load. The scenarios' database and
 * servers are in harness.ts and targets.ts, the summing up in summary.ts.
 */

/** The load options of an action scenario: request i acts on the i-th report as its staff member. */
function actionLoad(work: ActionWork[]) {
  return {
    path: (i: number) => work[i]!.path,
    body: (i: number) => work[i]!.body,
    requestHeaders: (i: number) => ({ authorization: `Bearer ${work[i]!.token}` }),
  };
}

export async function runBench(args: string[]): Promise<void> {
  if (args[0] === 'learning') return (await import('./learning.ts')).runLearningBench(args.slice(1));
  if (args[0] === 'knowledge')
    return (await import('./knowledge-search.ts')).runKnowledgeBench(args.slice(1));
  if (args[0] === 'vote-rush') return (await import('./vote-rush.ts')).runVoteRushBench(args.slice(1));
  if (args[0] === 'opinion-map') return (await import('./opinion-map.ts')).runOpinionMapBench(args.slice(1));
  if (args[0] === 'analytics') return (await import('./analytics.ts')).runAnalyticsBench(args.slice(1));
  if (args[0] === 'lists') return (await import('./lists.ts')).runListsBench(args.slice(1));
  // The object and works registry import (docs/objects.md): `npm run bench -- registry`.
  if (args[0] === 'registry') return (await import('./registry.ts')).runRegistryBench(args.slice(1));
  // The address registry and rule-change scenarios (docs/performance.md): `npm run bench -- addresses`.
  if (args[0] === 'addresses') {
    if (!process.env.DATABASE_URL)
      throw new Error('The address bench runs against PostgreSQL: set DATABASE_URL');
    return (await import('./addresses.ts')).runAddressBench(process.env.DATABASE_URL);
  }
  // Mixed traffic over several workers for minutes (docs/reliability.md, "Soak").
  if (args[0] === 'soak') return (await import('./reliability/soak.ts')).runSoakBench(args.slice(1));
  if (args[0] === 'reliability')
    return (await import('./reliability/run.ts')).runReliabilityBench(args.slice(1));
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '32' },
      // The report page, its bare-read baseline and the staff actions: issue 17's targets are at 16.
      'action-concurrency': { type: 'string', default: '16' },
      port: { type: 'string', default: '3901' },
      // Runs of each intake (without and with notices), alternated A B B A …: at least 2.
      rounds: { type: 'string', default: '2' },
      quiet: { type: 'boolean', default: false },
      // Comma-separated scenarios to run (e.g. `intake` or `page,reads`): for profiling one path.
      only: { type: 'string' },
    },
  });
  // Each run lasts a fixed time: the bar goes by seconds, the count and the rate are requests.
  const shown = (label: string) => {
    const progress = startProgress({
      label,
      unit: 'requests',
      total: seconds + warmupSeconds,
      quiet: values.quiet,
    });
    return {
      onProgress: (sent: number, elapsed: number) => progress.update(sent, elapsed),
      done: () => progress.stop(),
    };
  };
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    throw new Error(
      'The benchmark runs against PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/postgres (it creates and drops the database vmeste_bench); CITUS_URL=<coordinator> adds the same scenarios on Citus (schema vmeste_bench).',
    );
  }
  const citusUrl = process.env.CITUS_URL;
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const concurrency = Number(values.concurrency);
  const actionConcurrency = Number(values['action-concurrency']);
  const port = Number(values.port);
  const rounds = Math.max(1, Number(values.rounds));
  const maxRequests = 2_000_000;
  const bodies = generateIntakeBodies(50_000, 42);

  console.log(
    `Vmeste benchmark — intake, actions and reads, concurrency ${concurrency} (report page and actions ${actionConcurrency}), ${seconds} s (+${warmupSeconds} s warm-up), PostgreSQL${citusUrl ? ' and Citus' : ''}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const url = await freshDatabase(baseUrl);
  if (citusUrl) await freshCitusRegion(citusUrl);

  const targets = [await openTarget('PostgreSQL', url, port, 'public')];
  // The bare baselines' server runs beside the app from the start: a bare INSERT run follows each
  // intake run on PostgreSQL, so the intake's ratio compares runs a minute apart, not ten (this
  // machine's speed drifts by a third within minutes; docs/performance.md).
  const barePort = port + 2;
  const bare = await startServer('bare', url, barePort);
  try {
    const bareRun = async (label: string, load: Partial<Parameters<typeof runLoad>[0]>) => {
      const progress = shown(label);
      const result = await runLoad({
        port: barePort,
        path: '/bare',
        concurrency,
        seconds,
        warmupSeconds,
        maxRequests,
        headers: {},
        onProgress: progress.onProgress,
        cpu: cpuSampler(bare.pid),
        ...load,
      });
      progress.done();
      return result;
    };
    const bareInsertBody = (categoryId: string) => (i: number) => {
      const b = bodies[i % bodies.length]!;
      return { categoryId, text: b.text, lat: b.lat, lon: b.lon, address: b.address };
    };
    const insertPairs: InsertPair[] = [];
    if (citusUrl) targets.push(await openTarget('Citus', citusUrl, port + 1, CITUS_BENCH_SCHEMA));
    const run = Date.now().toString(36);
    const results: ScenarioRun[] = [];
    let categories: { items: { id: string }[] } = { items: [] };
    // Notices (docs/notices.md): the intake with 10,000 notices (a third in force) against the intake
    // without, to hold the linking inside the intake statement to within 5 % of the intake without
    // them; then the notice map's query over them. The two intakes are compared fairly: each run starts
    // from the same state (no reports: the similar-report look-up after each filing grows with the
    // reports nearby, so a second run on the first one's 20,000 reports does more work), and the runs
    // alternate A B B A … so that a drift of the machine's load weighs on both alike; their medians
    // are compared. A first, unrecorded intake warms the server up (JIT, prepared statements, caches),
    // which would otherwise count against whichever run comes first.
    const mapPaths = new Map<string, (i: number) => string>();
    const intakeOrder = Array.from({ length: rounds }, (_, k) =>
      k % 2 === 0 ? (['intake', 'intake-notices'] as const) : (['intake-notices', 'intake'] as const),
    ).flat();
    const steps = [
      'intake-warmup',
      ...intakeOrder,
      ...ACTION_SCENARIOS,
      'page',
      'reads',
      'notice-map',
      'notice-map-1',
    ] as const;
    const only = values.only?.split(',').map((o) => o.trim());
    try {
      for (const [step, scenario] of steps.entries()) {
        if (only && !only.includes(scenario) && !(scenario === 'intake-warmup' && only.includes('intake')))
          continue;
        for (const target of targets) {
          const intakeRun =
            scenario === 'intake' || scenario === 'intake-notices' || scenario === 'intake-warmup';
          if (intakeRun) await clearIntakeState(target);
          if (scenario === 'intake-notices' || scenario === 'notice-map') {
            await clearNotices(target);
            await seedNotices(target.url, target.schema, BENCH_NOTICES, new Date());
            mapPaths.set(
              target.name,
              noticeMapPath(await regionBox(target.url, target.schema), new Date().toISOString()),
            );
          }
          const action = (ACTION_SCENARIOS as readonly string[]).includes(scenario)
            ? await withSchema(target.url, target.schema, (c) =>
                actionWork(
                  async (text, values) => (await c.query(text, values)).rows,
                  target.staff,
                  scenario as (typeof ACTION_SCENARIOS)[number],
                ),
              )
            : null;
          if (action && action.length === 0) {
            // `--only` without the scenarios that bring reports into this one's status (intake, the
            // actions before it): say so instead of measuring nothing.
            console.warn(
              `${scenario} (${target.name}): no report is in the status it acts on; run the scenarios before it too (e.g. --only intake,accept,${scenario})`,
            );
            continue;
          }
          const pageIds = scenario === 'page' ? await reportIds(target.url, target.schema) : [];
          // Category ids differ between the two databases; their codes are the same.
          const ids = new Map(
            (
              await json<{ items: { id: string; code: string }[] }>(target.port, 'GET', '/api/v1/categories')
            ).items.map((c) => [c.code, c.id]),
          );
          const progress = shown(`${scenario} (${target.name})`);
          const result = await runLoad({
            port: target.port,
            // The map's latency is one resident's view: measured with one client as well as under load.
            concurrency:
              scenario === 'notice-map-1'
                ? 1
                : action || scenario === 'page'
                  ? actionConcurrency
                  : concurrency,
            seconds: scenario === 'intake-warmup' ? warmupSeconds : seconds,
            warmupSeconds: scenario === 'intake-warmup' ? 0 : warmupSeconds,
            // An action stops when the reports in its status run out (each is acted on once).
            maxRequests: action ? action.length : maxRequests,
            headers: { authorization: `Bearer ${target.token}` },
            onProgress: progress.onProgress,
            cpu: cpuSampler(target.pid),
            ...(intakeRun
              ? {
                  path: '/api/v1/reports',
                  body: (i: number) => {
                    const b = bodies[i % bodies.length]!;
                    return {
                      categoryId: ids.get(b.categoryCode)!,
                      text: b.text,
                      lat: b.lat,
                      lon: b.lon,
                      address: b.address,
                    };
                  },
                  idempotencyKey: (i: number) => `bench-${run}-${target.name}-${step}-${i}`,
                }
              : scenario === 'notice-map' || scenario === 'notice-map-1'
                ? { path: mapPaths.get(target.name)!, method: 'GET' as const }
                : action
                  ? actionLoad(action)
                  : scenario === 'page'
                    ? {
                        // The author's view of each report in turn (the bench resident filed them all).
                        path: (i: number) => `/api/v1/reports/${pageIds[i % pageIds.length]}`,
                        method: 'GET' as const,
                      }
                    : { path: '/api/v1/reports?limit=20', method: 'GET' as const }),
          });
          progress.done();
          if (scenario !== 'intake-warmup') results.push({ scenario, target: target.name, result });
          if (scenario === 'intake' && target.name === 'PostgreSQL') {
            const baseline = await bareRun('baseline (bare INSERT)', {
              body: bareInsertBody([...ids.values()][0]!),
            });
            insertPairs.push({ intake: result, baseline });
          }
        }
      }
      categories = await json<{ items: { id: string }[] }>(port, 'GET', '/api/v1/categories');
    } finally {
      // A scenario that throws must not leave the apps running.
      for (const target of targets) await target.stop();
    }

    const readIds = await reportIds(url, 'public');
    if (readIds.length === 0) {
      // The read baselines page through the reports the scenarios filed: with none there is
      // nothing to compare a read with, and the figures above already say which scenarios ran.
      console.log(
        'No report in the benchmark database: the read baselines need the intake first (e.g. --only intake,page).',
      );
      return;
    }
    const page = await commonPage(url);
    const baselines = {
      insert:
        insertPairs.length > 0
          ? middleOf(insertPairs.map((p) => p.baseline))
          : await bareRun('baseline (bare INSERT)', { body: bareInsertBody(categories.items[0]!.id) }),
      read: await bareRun('baseline (bare read by id)', {
        concurrency: actionConcurrency,
        method: 'GET',
        path: (i) => `/bare/read/${readIds[i % readIds.length]}`,
      }),
      page: await bareRun('baseline (bare page of 25)', {
        method: 'GET',
        path: `/bare/page?category=${page.category}&status=${page.status}`,
      }),
    };
    printSummary(results, baselines, {
      targets,
      citus: Boolean(citusUrl),
      rounds,
      concurrency,
      seconds,
      insertPairs,
    });
  } finally {
    await bare.stop();
  }
}
