import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the slowest test files and the slowest tests after every run (next to the default
 * reporter), so a CI log shows where the suite's time goes (docs/operations.md, "CI").
 *
 * A file's time is what Vitest measured for it: importing it (collect) plus its tests and hooks.
 * "hooks" is that time minus its tests' own: a `beforeAll` that starts an app, a server or seeds a
 * database counts there, which is what to share between files. `VMESTE_SLOWEST` sets how many rows
 * (30 by default); `VMESTE_TIMINGS_JSON` names a file to write every file's and test's time to.
 *
 * Last of all it lists what failed, each with its first error line: a CI lane that fails prints only
 * its last lines, and the default reporter's failure report sits above the two time tables.
 */
const COUNT = Number(process.env.VMESTE_SLOWEST ?? 30);

interface FileRow {
  file: string;
  total: number;
  collect: number;
  tests: number;
  /** The worker's CPU while the file ran (test/support/file-cpu.ts), where recorded. */
  cpu?: number;
}
interface TestRow {
  file: string;
  name: string;
  duration: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    this.printSlowest(testModules);
    printFailures(testModules, unhandledErrors);
  }

  private printSlowest(testModules: ReadonlyArray<TestModule>): void {
    const files: FileRow[] = [];
    const tests: TestRow[] = [];
    for (const m of testModules) {
      const d = m.diagnostic();
      let inTests = 0;
      for (const t of m.children.allTests()) {
        const duration = t.diagnostic()?.duration ?? 0;
        inTests += duration;
        tests.push({ file: m.relativeModuleId, name: t.fullName, duration });
      }
      const cpu = m.meta().cpuMs;
      files.push({
        file: m.relativeModuleId,
        total: d.collectDuration + d.duration,
        collect: d.collectDuration,
        tests: inTests,
        ...(cpu === undefined ? {} : { cpu }),
      });
    }
    if (files.length === 0) return;
    files.sort((a, b) => b.total - a.total);
    tests.sort((a, b) => b.duration - a.duration);
    const sum = (rows: { total?: number; duration?: number }[]) =>
      rows.reduce((s, r) => s + (r.total ?? r.duration ?? 0), 0);
    const fileLines = files
      .slice(0, COUNT)
      .map(
        (r) =>
          `${seconds(r.total)}  (import ${seconds(r.collect).trim()}, hooks ${seconds(Math.max(0, r.total - r.collect - r.tests)).trim()}${r.cpu === undefined ? '' : `, CPU ${seconds(r.cpu).trim()}`})  ${r.file}`,
      );
    // The run is bound by CPU on a small machine: the files that cost most of it, apart.
    const byCpu = files.filter((r) => r.cpu !== undefined).sort((a, b) => b.cpu! - a.cpu!);
    const cpuLines = byCpu.slice(0, COUNT).map((r) => `${seconds(r.cpu!)}  ${r.file}`);
    const testLines = tests.slice(0, COUNT).map((r) => `${seconds(r.duration)}  ${r.file} > ${r.name}`);
    const cpuTable = cpuLines.length
      ? `\nMost CPU: ${cpuLines.length} of ${byCpu.length} test files (the workers' own CPU, sum ${seconds(byCpu.reduce((s, r) => s + r.cpu!, 0)).trim()}; servers they start not counted):\n${cpuLines.join('\n')}\n`
      : '';
    process.stdout.write(
      `\nSlowest ${fileLines.length} of ${files.length} test files (sum of all files ${seconds(sum(files)).trim()}):\n${fileLines.join('\n')}\n` +
        cpuTable +
        `\nSlowest ${testLines.length} of ${tests.length} tests:\n${testLines.join('\n')}\n`,
    );
    const out = process.env.VMESTE_TIMINGS_JSON;
    if (out) writeFileSync(out, `${JSON.stringify({ files, tests }, null, 1)}\n`);
  }
}

const firstLine = (error: { message?: string } | undefined) =>
  (error?.message ?? 'no message').split('\n')[0]!.slice(0, 300);

/** Every failed test, every file that failed outside its tests (a hook, an import) and every unhandled error. */
function printFailures(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): void {
  const lines: string[] = [];
  for (const m of testModules) {
    for (const error of m.errors())
      lines.push(`  ${m.relativeModuleId} (outside its tests): ${firstLine(error)}`);
    for (const t of m.children.allTests()) {
      const result = t.result();
      if (result.state === 'failed')
        lines.push(`  ${m.relativeModuleId} > ${t.fullName}: ${firstLine(result.errors?.[0])}`);
    }
  }
  for (const error of unhandledErrors) lines.push(`  unhandled: ${firstLine(error)}`);
  if (lines.length > 0) process.stdout.write(`\nFailed (${lines.length}):\n${lines.join('\n')}\n`);
}
