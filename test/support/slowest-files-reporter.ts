import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the slowest test files after every run (next to the default reporter), so a CI log shows
 * where the suite's time goes. A file's time is what Vitest measured for it: importing it (collect)
 * plus its tests and hooks (a `beforeAll` that starts an app and its database counts here).
 */
const COUNT = 10;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((m) => {
        const d = m.diagnostic();
        return {
          file: m.relativeModuleId,
          total: d.collectDuration + d.duration,
          collect: d.collectDuration,
        };
      })
      .sort((a, b) => b.total - a.total)
      .slice(0, COUNT);
    if (rows.length === 0) return;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    const lines = rows.map((r) => `${seconds(r.total)}  (import ${seconds(r.collect).trim()})  ${r.file}`);
    process.stdout.write(`\nSlowest ${rows.length} test files:\n${lines.join('\n')}\n`);
  }
}
