import { loadavg } from 'node:os';
import { ACTION_SCENARIOS, actionVerdict } from './actions.ts';
import type { CpuSample } from './cpu.ts';
import { line } from './harness.ts';
import type { LoadResult } from './load.ts';
import { BENCH_NOTICES } from './notices.ts';

/** How the main bench sums up its runs: each against its baseline, then the targets' verdicts. */

export type ScenarioRun = { scenario: string; target: string; result: LoadResult };
export type Baselines = Record<'insert' | 'read' | 'page', LoadResult>;

/** An intake run on PostgreSQL and the bare INSERT run right after it. */
export type InsertPair = { intake: LoadResult; baseline: LoadResult };

/** The middle run of a scenario's runs by throughput (the mean of the two middle ones' figures when even). */
export function medianRun(results: ScenarioRun[], scenario: string, target: string): LoadResult {
  const runs = results.filter((r) => r.scenario === scenario && r.target === target).map((r) => r.result);
  if (runs.length === 0) throw new Error(`no run of ${scenario} on ${target}`);
  return middleOf(runs);
}

/** The middle of some runs by throughput (the mean of the two middle ones' figures when even). */
export function middleOf(unsorted: LoadResult[]): LoadResult {
  const runs = [...unsorted].sort((a, b) => a.throughput - b.throughput);
  const hi = runs[Math.floor(runs.length / 2)]!;
  if (runs.length % 2 === 1) return hi;
  const lo = runs[runs.length / 2 - 1]!;
  const mean = (k: 'throughput' | 'p50' | 'p95' | 'p99') => (lo[k] + hi[k]) / 2;
  return {
    ...hi,
    throughput: mean('throughput'),
    p50: mean('p50'),
    p95: mean('p95'),
    p99: mean('p99'),
  };
}

/** The baseline a scenario is compared with: writes with the bare INSERT, reads with the bare read or page. */
function baselineOf(scenario: string): 'insert' | 'read' | 'page' {
  if (scenario === 'page') return 'read';
  if (scenario === 'reads' || scenario.startsWith('notice-map')) return 'page';
  return 'insert';
}

/** Prints every run against its baseline, the targets' verdicts, and the figures as one JSON line. */
export function printSummary(
  results: ScenarioRun[],
  baselines: Baselines,
  context: {
    targets: { name: string }[];
    citus: boolean;
    rounds: number;
    concurrency: number;
    seconds: number;
    /** Each intake run with its own bare INSERT run, taken right after it. */
    insertPairs: InsertPair[];
  },
): void {
  const { targets, rounds, concurrency, seconds } = context;
  const baselineLabel = { insert: 'bare INSERT', read: 'bare read', page: 'bare page' } as const;
  for (const r of results) {
    const which = baselineOf(r.scenario);
    const ratio = r.result.throughput / baselines[which].throughput;
    console.log(
      `${line(`${r.scenario} (${r.target})`, r.result)}   ${(ratio * 100).toFixed(1).padStart(5)}% of ${baselineLabel[which]}`,
    );
  }
  console.log(line('baseline (bare INSERT)', baselines.insert));
  console.log(line('baseline (bare read by id)', baselines.read));
  console.log(line('baseline (bare page of 25)', baselines.page));
  // With --only, the summaries of scenarios that did not run are left out.
  const ran = (scenario: string) => results.some((r) => r.scenario === scenario);
  if (ran('intake')) {
    const intake = medianRun(results, 'intake', 'PostgreSQL');
    // Each intake run against the bare INSERT run that followed it; the middle of those ratios.
    const pairRatios = context.insertPairs.map((p) => p.intake.throughput / p.baseline.throughput);
    const ratio = middleRatio(pairRatios);
    console.log(
      `ratio intake/baseline: ${(ratio * 100).toFixed(1)}% (the middle of ${pairRatios.length} intake runs, each against the bare INSERT run right after it: ${pairRatios.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')})`,
    );
    // The same comparison by CPU per request (server + database + load generator): steadier than
    // throughput on a machine whose speed drifts, so a change shows in fewer runs (bench/cpu.ts).
    const cpuRatios = context.insertPairs.flatMap((p) =>
      p.intake.cpu && p.baseline.cpu ? [cpuTotal(p.baseline.cpu) / cpuTotal(p.intake.cpu)] : [],
    );
    if (cpuRatios.length > 0)
      console.log(
        `CPU per request, bare INSERT/intake: ${(middleRatio(cpuRatios) * 100).toFixed(1)}% (middle of ${cpuRatios.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')}; the throughput ratio on a machine bound by CPU)`,
      );
    console.log(
      `targets: ≥1000 req/s ${intake.throughput >= 1000 ? 'met' : 'NOT met'}; p99 < 50 ms ${intake.p99 < 50 ? 'met' : 'NOT met'}; ≥40% of baseline ${ratio >= 0.4 ? 'met' : 'NOT met'}`,
    );
  }
  for (const target of targets) {
    const of = (scenario: string) => medianRun(results, scenario, target.name);
    if (ran('page')) {
      const pageRatio = of('page').throughput / baselines.read.throughput;
      console.log(
        `report page (${target.name}): ${(pageRatio * 100).toFixed(1)}% of the bare read (target ≥40%: ${pageRatio >= 0.4 ? 'met' : 'NOT met'})`,
      );
    }
    for (const a of ACTION_SCENARIOS.filter(ran)) {
      const r = of(a);
      console.log(
        `${a} (${target.name}): ${r.requests} requests, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms — ${actionVerdict(r)}`,
      );
    }
  }
  for (const target of ['intake', 'intake-notices', 'notice-map', 'notice-map-1'].every(ran) ? targets : []) {
    const of = (scenario: string) => medianRun(results, scenario, target.name);
    const runs = (scenario: string) =>
      results
        .filter((r) => r.scenario === scenario && r.target === target.name)
        .map((r) => r.result.throughput.toFixed(0))
        .join(', ');
    const linked = of('intake-notices').throughput / of('intake').throughput;
    console.log(
      `intake runs (${target.name}), in order A B B A …: without notices ${runs('intake')} req/s; with ${BENCH_NOTICES} notices ${runs('intake-notices')} req/s`,
    );
    const map = of('notice-map-1');
    console.log(
      `notices (${target.name}): intake with ${BENCH_NOTICES} notices at ${(linked * 100).toFixed(1)}% of the intake without (medians of ${rounds} runs each) (target ≥95%: ${linked >= 0.95 ? 'met' : 'NOT met'}); notice map p95 ${map.p95.toFixed(1)} ms with one client, ${of('notice-map').p95.toFixed(1)} ms with ${concurrency} (target < 100 ms with one: ${map.p95 < 100 ? 'met' : 'NOT met'})`,
    );
  }
  if (context.citus) {
    for (const scenario of ['intake', 'accept', 'page', 'reads'].filter(ran)) {
      const [plain, citus] = ['PostgreSQL', 'Citus'].map((t) => medianRun(results, scenario, t));
      console.log(
        `Citus vs PostgreSQL, ${scenario}: ${(citus!.throughput / plain!.throughput).toFixed(2)}× the throughput, p50 ${(citus!.p50 / plain!.p50).toFixed(2)}× the latency`,
      );
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(JSON.stringify({ scenario: 'intake', concurrency, seconds, results, baselines }));
}

const cpuTotal = (c: CpuSample) => c.server + c.database + c.loadGenerator;

function middleRatio(ratios: number[]): number {
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
