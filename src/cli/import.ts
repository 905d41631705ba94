import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { systemClock } from '../lib/clock.ts';
import { AppError, errorCatalogue, type Locale } from '../lib/errors.ts';
import { CsvHeaderError, type ImportDeps, type ImportTotals, runImport } from '../modules/import/index.ts';
import { loadConfig } from '../server/config.ts';
import { startProgress } from './progress.ts';
import { intOption, UsageError, withUsageErrors } from './train.ts';

export const IMPORT_USAGE =
  'Usage: vmeste import --mapping MAPPING.json --input FILE(.jsonl|.csv)[.gz] [--errors FILE.jsonl] ' +
  '[--limit N] [--batch N] [--lang ru|en] [--quiet]';

/**
 * `vmeste import`: loads historical reports into the configured database. Exit code 0 when every
 * line was imported or skipped as already there, 1 when some lines failed (see the error report),
 * 2 when nothing could start (wrong options, a bad mapping file, a missing or header-less input).
 */
export async function runImportCommand(args: string[]): Promise<void> {
  await withUsageErrors(() => importCommand(args));
}

function summary(t: ImportTotals): string {
  return `read ${t.read}, imported ${t.imported}, skipped ${t.skipped} (already imported), failed ${t.failed}`;
}

export type ImportArgs = {
  mapping: string;
  input: string;
  errorsFile: string;
  limit: number | undefined;
  batchSize: number;
  locale: Locale;
  quiet: boolean;
};

const importOptions = {
  mapping: { type: 'string' },
  input: { type: 'string' },
  errors: { type: 'string' },
  limit: { type: 'string' },
  batch: { type: 'string' },
  lang: { type: 'string', default: 'ru' },
  quiet: { type: 'boolean', default: false },
} as const;

function readCommandLine(args: string[]) {
  try {
    return parseArgs({ args, options: importOptions }).values;
  } catch (err) {
    // An unknown option or a missing value: one line and the usage, not a stack trace.
    throw new UsageError(`${(err as Error).message}\n${IMPORT_USAGE}`);
  }
}

/** The command line as options, or a UsageError naming what is wrong. */
export function parseImportArgs(args: string[]): ImportArgs {
  const values = readCommandLine(args);
  if (!values.mapping || !values.input) throw new UsageError(IMPORT_USAGE);
  if (values.lang !== 'ru' && values.lang !== 'en') throw new UsageError('--lang must be ru or en');
  return {
    mapping: values.mapping,
    input: values.input,
    // Next to where the command runs, not next to the input: exports often sit in read-only places.
    errorsFile: values.errors ?? `${path.basename(values.input).replace(/\.gz$/, '')}.errors.jsonl`,
    limit: values.limit === undefined ? undefined : intOption(values.limit, 'limit', 0, 1, 1e9),
    batchSize: intOption(values.batch, 'batch', 500, 1, 5000),
    locale: values.lang,
    quiet: values.quiet,
  };
}

async function importCommand(args: string[]): Promise<void> {
  const parsed = parseImportArgs(args);
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    schema: config.dbSchema,
  });
  try {
    await migrate(database, config.dbSchema);
    process.exitCode = await importInto({ db: database.db, clock: systemClock, config }, parsed);
  } finally {
    await database.close();
  }
}

/** The command's body over an open database; returns the exit code (tests call it directly). */
export async function importInto(deps: ImportDeps, a: ImportArgs): Promise<number> {
  const started = Date.now();
  const { limit } = a;
  // How far the run is, as a share: of --limit records, or else of the file's bytes (its line
  // count is unknown until the end).
  const progress = startProgress({ label: 'Importing', unit: 'lines', total: 1, quiet: a.quiet });
  try {
    const totals = await runImport(deps, {
      mappingFile: a.mapping,
      input: a.input,
      errorsFile: a.errorsFile,
      batchSize: a.batchSize,
      ...(a.limit !== undefined ? { limit: a.limit } : {}),
      locale: a.locale,
      onProgress: (t, input) =>
        progress.update(
          t.read,
          limit !== undefined ? t.read / limit : input.bytesRead / Math.max(1, input.bytesTotal),
        ),
    });
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(`Import: ${summary(totals)} in ${seconds.toFixed(1)} s.`);
    if (totals.failed === 0) return 0;
    console.log(`Problems, one JSON line per failed record: ${a.errorsFile}`);
    return 1;
  } catch (err) {
    progress.stop();
    if (err instanceof AppError && err.code === 'import_mapping_invalid') {
      const lines = err.details.map((d) => `  ${d.path || '(file)'}: ${d.message}`);
      throw new UsageError(`${errorCatalogue.import_mapping_invalid[a.locale]}:\n${lines.join('\n')}`);
    }
    if (err instanceof CsvHeaderError) throw new UsageError(err.message);
    // The mapping, the input or the error report cannot be opened: say which, without a stack trace.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EROFS')
      throw new UsageError((err as Error).message);
    throw err;
  }
}
