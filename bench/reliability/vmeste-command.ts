import { fromRepo } from '../../src/lib/repo-root.ts';

/**
 * How to start the `vmeste` command in a child process: the test run's one-file bundle when its
 * global setup built one (test/support/server-bundle.ts; the variable names it), otherwise the
 * sources through tsx, as `npm start` does.
 */
export function vmesteCommand(): { entry: string; execArgv: string[] } {
  const bundle = process.env.VMESTE_TEST_SERVER_BUNDLE;
  return bundle
    ? { entry: bundle, execArgv: [] }
    : { entry: fromRepo('src/cli/main.ts'), execArgv: ['--import', 'tsx'] };
}
