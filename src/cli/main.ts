import { ConfigError } from '../server/config.ts';

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  serve: {
    summary:
      'run the platform (migrates, and seeds the demo region on a fresh embedded database; --build-web)',
    run: async (a) => (await import('./serve.ts')).serve(a),
  },
  'build-web': {
    summary: 'build the web app into web/dist unless it is built from the current sources (--force)',
    run: async (a) => (await import('./build-web.ts')).runBuildWeb(a),
  },
  prepare: {
    summary: 'install-time work for a fast first start: build the web app, cache a migrated database base',
    run: async () => (await import('./prepare.ts')).runPrepare(),
  },
  migrate: {
    summary: 'apply database migrations',
    run: async () => (await import('./migrate.ts')).runMigrate(),
  },
  seed: {
    summary: 'load the demo region into an empty database (--reports N [--quiet])',
    run: async (a) => (await import('./seed.ts')).runSeed(a),
  },
  'region-init': {
    summary:
      'load a real region into an empty DB_SCHEMA: territories, categories, first admin (--territories FILE --admin-email E --admin-name N)',
    run: async (a) => (await import('./region-init.ts')).runRegionInit(a),
  },
  train: {
    summary: 'train the report classifier (--input FILE.jsonl[.gz] --out MODEL)',
    run: async (a) => (await import('./train.ts')).runTrain(a),
  },
  classify: {
    summary: 'classify JSONL reports from stdin with a model (--model MODEL)',
    run: async (a) => (await import('./classify.ts')).runClassify(a),
  },
  evaluate: {
    summary: 'test the classifier on a time split (--data FILE --split-month YYYY-MM, or --train F --test F)',
    run: async (a) => (await import('./evaluate.ts')).runEvaluate(a),
  },
  // --- Import of historical reports. ---
  import: {
    summary: 'import historical reports from CSV or JSONL (--mapping FILE --input FILE [--errors FILE])',
    run: async (a) => (await import('./import.ts')).runImportCommand(a),
  },
  bench: {
    summary:
      'run the benchmarks against DATABASE_URL (--only SCENARIOS --seconds N --rounds N --concurrency N; or a suite: lists, analytics, learning, knowledge, vote-rush, opinion-map, addresses, soak, reliability; docs/performance.md)',
    run: async (a) => (await import('../../bench/run.ts')).runBench(a),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: vmeste <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command: ${name}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`vmeste ${name}: ${command.summary}\n`);
    return;
  }
  try {
    await command.run(rest);
  } catch (err) {
    // An unknown or malformed option (node:util parseArgs): the option's problem, not a stack trace.
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw err;
    process.stderr.write(
      `vmeste ${name}: ${(err as Error).message}\nUsage: vmeste ${name}: ${command.summary}\n`,
    );
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
