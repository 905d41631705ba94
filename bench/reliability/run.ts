/**
 * `npm run bench -- reliability [--kills 6] [--engine postgres|pglite|both] [--seed N]
 * [--fuzz-seconds 600] [--only crash|fuzz]`: the full crash test (SIGKILLs under intake load at
 * concurrency 32, on each engine), the SIGTERM drain and the endpoint fuzzer, printing the figures
 * docs/reliability.md records. The suite runs the short forms (2 kills, 60 s of fuzzing).
 */
import { parseArgs } from 'node:util';
import { crashLine, runCrashTest } from './crash.ts';
import { runDrainTest } from './drain.ts';
import { runFuzzBench } from './fuzz-run.ts';
import { freePort } from './ports.ts';

export async function runReliabilityBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      kills: { type: 'string', default: '6' },
      engine: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '20260302' },
      concurrency: { type: 'string', default: '32' },
      'fuzz-seconds': { type: 'string', default: '600' },
      'fuzz-seed': { type: 'string', default: '20261202' },
      only: { type: 'string' },
    },
  });
  const choices: Record<string, ('postgres' | 'pglite')[]> = {
    both: ['postgres', 'pglite'],
    postgres: ['postgres'],
    pglite: ['pglite'],
  };
  const engines = choices[values.engine];
  if (!engines) throw new Error('--engine must be postgres, pglite or both');
  if (engines.includes('postgres') && !process.env.DATABASE_URL)
    throw new Error('The PostgreSQL runs need DATABASE_URL (they create and drop their own database)');
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const lines: string[] = [];
  for (const engine of engines) {
    if (values.only !== 'crash') {
      const fuzz = await runFuzzBench({
        engine,
        seconds: Number(values['fuzz-seconds']),
        seed: Number(values['fuzz-seed']),
        log,
      });
      const { findings, ...figures } = fuzz;
      lines.push(`${engine} fuzz: ${JSON.stringify(figures)}, findings ${findings.length}`);
      for (const f of findings.slice(0, 20)) lines.push(`  ${f.kind}: ${f.detail}\n    ${f.request}`);
    }
    if (values.only === 'fuzz') continue;
    const crash = await runCrashTest({
      engine,
      kills: Number(values.kills),
      concurrency: Number(values.concurrency),
      port: await freePort(),
      seed: Number(values.seed),
      minUpMs: 1_000,
      maxUpMs: 4_000,
      deliveryTimeoutMs: 240_000,
      log,
    });
    lines.push(crashLine(crash));
    const drain = await runDrainTest({
      engine,
      port: await freePort(),
      concurrency: Number(values.concurrency),
      loadMs: 3_000,
    });
    const { output: _output, ...figures } = drain;
    lines.push(`${engine} SIGTERM under load: ${JSON.stringify(figures)}`);
  }
  for (const l of lines) console.log(l);
}
