import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runsOn } from '../../test/support/suite-engine.ts';

const vmeste = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

describe.runIf(runsOn(['pglite'], 'cli-options', 'starts the command line with no database at all'))(
  'the command line with options it does not know',
  () => {
    it('names the unknown or incomplete option and the command’s usage, with exit code 2 and no stack trace', () => {
      for (const [args, problem] of [
        [['seed', '--nope'], "Unknown option '--nope'"],
        [['bench', '--rounds'], "Option '--rounds <value>' argument missing"],
      ] as const) {
        const run = vmeste(...args);
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(`vmeste ${args[0]}: ${problem}`);
        expect(run.stderr).toContain(`Usage: vmeste ${args[0]}:`);
        expect(run.stderr).not.toMatch(/^\s+at /m);
      }
    });

    it('answers a command’s --help with what it does and its options', () => {
      const run = vmeste('bench', '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^vmeste bench: run the benchmarks .*--only/);
    });
  },
);
