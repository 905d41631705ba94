import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, errorCatalogue, type Locale } from '../../lib/errors.ts';
import type { AppConfig } from '../../server/config.ts';
import { writeAudit } from '../audit/index.ts';
import { regionSettings } from '../reference/index.ts';
import { ensureImportUser, insertImportedReports, loadImportReference } from './import.repo.ts';
import { type ImportMapping, loadMapping } from './import-mapping.ts';
import { type ImportRow, mapRecord } from './import-row.ts';
import {
  type LineProblem,
  openInput,
  readCsvHeader,
  readCsvRecords,
  readJsonlRecords,
} from './import-sources.ts';

export type ImportDeps = { db: Db; clock: Clock; config: Pick<AppConfig, 'regionToleranceMeters'> };

export type ImportOptions = {
  mappingFile: string;
  input: string;
  /** Where the per-line error report (JSONL) goes. */
  errorsFile: string;
  /** Rows per insert statement. */
  batchSize?: number;
  /** Stop after this many source lines (records), e.g. to try a mapping on the head of a file. */
  limit?: number;
  locale?: Locale;
  /** Called every few hundred records, with how far through the input file (in its own bytes) the run is. */
  onProgress?: (totals: ImportTotals, input: InputPosition) => void;
};

/** Bytes of the input file consumed so far (compressed bytes for a gzip file) and its size. */
export type InputPosition = { bytesRead: number; bytesTotal: number };

export type ImportTotals = {
  /** Records read (JSONL lines or CSV rows, blank lines not counted). */
  read: number;
  imported: number;
  /** Already imported under the same (source, external id), by an earlier run or earlier in the file. */
  skipped: number;
  failed: number;
};

/** One line of the error report: where, which record, and every problem with it. */
export type LineReport = {
  line: number;
  externalId: string | null;
  errors: { path: string; code: string; message: string }[];
};

/** Bytes taken from the file so far: a gunzip stream counts what went into it, a file stream what it read. */
function bytesConsumed(input: Readable): number {
  if ('bytesWritten' in input && typeof input.bytesWritten === 'number') return input.bytesWritten;
  if ('bytesRead' in input && typeof input.bytesRead === 'number') return input.bytesRead;
  return 0;
}

/** The error report as JSONL, written with back-pressure (a file of many bad lines stays bounded too). */
class ErrorReport {
  private constructor(
    private readonly out: WriteStream,
    private readonly locale: Locale,
  ) {}

  /** Opens the file before anything is imported, so an unwritable path stops the run at once. */
  static async open(file: string, locale: Locale): Promise<ErrorReport> {
    const out = createWriteStream(file);
    await once(out, 'open');
    return new ErrorReport(out, locale);
  }

  async add(line: number, externalId: string | null, problems: LineProblem[]): Promise<void> {
    const report: LineReport = {
      line,
      externalId,
      errors: problems.map((p) => {
        const base = errorCatalogue[p.code][this.locale];
        return { path: p.path, code: p.code, message: p.detail ? `${base}: ${p.detail}` : base };
      }),
    };
    if (!this.out.write(`${JSON.stringify(report)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

async function checkCsvColumns(mapping: ImportMapping, input: string, locale: Locale): Promise<void> {
  const header = new Set(await readCsvHeader(input, mapping.csv));
  const missing = Object.entries(mapping.columns).filter(([, column]) => column && !header.has(column));
  if (missing.length)
    throw new AppError(
      'import_mapping_invalid',
      missing.map(([field, column]) => ({
        path: `columns.${field}`,
        code: 'unknown_column',
        message:
          locale === 'ru'
            ? `В заголовке файла нет столбца «${column}»`
            : `No column "${column}" in the file's header`,
      })),
    );
}

/**
 * `vmeste import`: streams a CSV or JSONL export (plain or gzip) into reports. Each record is
 * checked and mapped on its own; good ones are inserted in batches of one statement each; every
 * failed record gets a line in the error report and nothing in the database. Re-running skips
 * what the same source already brought in. Runs from the command line with database access, as
 * `migrate` and `seed` do, so there is no signed-in actor: the run is audited as the system's.
 */
export async function runImport(deps: ImportDeps, options: ImportOptions): Promise<ImportTotals> {
  const locale = options.locale ?? 'ru';
  const batchSize = options.batchSize ?? 500;
  const reference = await loadImportReference(deps.db);
  const mapping = await loadMapping(options.mappingFile, reference, locale);
  if (mapping.format === 'csv') await checkCsvColumns(mapping, options.input, locale);
  // Open both files before touching the database: a missing input or an unwritable report path
  // stops the run with nothing created.
  const bytesTotal = (await stat(options.input)).size;
  const input = await openInput(options.input);
  const errors = await ErrorReport.open(options.errorsFile, locale).catch((err: unknown) => {
    input.destroy();
    throw err;
  });
  const startedAt = deps.clock.now();

  const totals: ImportTotals = { read: 0, imported: 0, skipped: 0, failed: 0 };
  let batch: ImportRow[] = [];
  // External ids of the current batch: a repeat inside one statement is skipped here, a repeat
  // across batches by the (source, external id) key.
  let batchIds = new Set<string>();
  const progress = () => options.onProgress?.(totals, { bytesRead: bytesConsumed(input), bytesTotal });

  const flush = async (authorId: string) => {
    if (batch.length === 0) return;
    const outcomes = await insertImportedReports(deps.db, batch, {
      source: mapping.source,
      authorId,
      now: deps.clock.now(),
      toleranceMeters: (await regionSettings(deps.db, deps.config)).nearestDistrictToleranceMeters,
    });
    for (const row of batch) {
      const outcome = outcomes.get(row.id);
      if (outcome?.inserted) totals.imported++;
      else if (outcome?.inRegion) totals.skipped++;
      else {
        totals.failed++;
        await errors.add(row.line, row.externalId, [
          { path: mapping.columns.lat, code: 'point_outside_region' },
          { path: mapping.columns.lon, code: 'point_outside_region' },
        ]);
      }
    }
    batch = [];
    batchIds = new Set();
    progress();
  };

  try {
    const authorId = await ensureImportUser(deps.db);
    const records = mapping.format === 'jsonl' ? readJsonlRecords(input) : readCsvRecords(input, mapping.csv);
    for await (const record of records) {
      if (options.limit !== undefined && totals.read >= options.limit) break;
      totals.read++;
      // Also between inserts: a file whose lines mostly fail flushes rarely but must still show progress.
      if (totals.read % 1000 === 0) progress();
      if ('problems' in record) {
        totals.failed++;
        await errors.add(record.line, null, record.problems);
        continue;
      }
      const mapped = mapRecord(record.line, record.fields, mapping, reference, deps.clock.now());
      if (!mapped.ok) {
        totals.failed++;
        await errors.add(record.line, mapped.externalId, mapped.problems);
        continue;
      }
      if (batchIds.has(mapped.row.externalId)) {
        totals.skipped++;
        continue;
      }
      batchIds.add(mapped.row.externalId);
      batch.push(mapped.row);
      if (batch.length >= batchSize) await flush(authorId);
    }
    await flush(authorId);
  } finally {
    input.destroy();
    await errors.close();
  }
  await writeAudit(deps.db, {
    actor: null,
    action: 'report.import',
    entityType: 'import',
    entityId: mapping.source,
    details: { ...totals, startedAt: startedAt.toISOString() },
    at: deps.clock.now(),
  });
  return totals;
}
