import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError, type Locale } from '../../lib/errors.ts';
import { detailText } from '../../lib/messages/index.ts';
import { describeIssues } from '../../lib/validation.ts';
import type { ObjectsImportResult } from './objects.schemas.ts';

/** What the object and the works registries' imports share: the mapping's pieces and reading the file. */

/** A column (CSV) or property (GeoJSON) name in a mapping. */
export const column = z.string().trim().min(1).max(200);
/** A registry's name: with each record's id, the idempotency key (`<source>:<id>`). */
export const sourceName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'vmeste:import_source_name');
export const csvOptions = z
  .object({ delimiter: z.string().length(1).default(','), quote: z.string().length(1).default('"') })
  .strict()
  .default({ delimiter: ',', quote: '"' });

export type Problem = { path: string; message: string };
export type SourceRecord = { line: number; fields: Record<string, unknown>; geometry: unknown };

/** A registry file's records: a FeatureCollection's features (properties and geometry) or CSV rows. */
export function sourceRecords(
  m: { format: 'geojson' | 'csv'; csv: { delimiter: string; quote: string } },
  content: string,
): SourceRecord[] {
  try {
    if (m.format === 'geojson') {
      const doc = JSON.parse(content) as { type?: unknown; features?: unknown };
      if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
        throw new Error('not a FeatureCollection');
      return (doc.features as { properties?: Record<string, unknown>; geometry?: unknown }[]).map((f, i) => ({
        line: i + 1,
        fields: f.properties ?? {},
        geometry: f.geometry,
      }));
    }
    const rows = parse(content, {
      columns: true,
      delimiter: m.csv.delimiter,
      quote: m.csv.quote,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map(({ record, info }) => ({ line: info.lines, fields: record, geometry: undefined }));
  } catch (err) {
    throw new AppError('objects_input_unreadable', [{ path: 'content', message: (err as Error).message }]);
  }
}

/** A cell's text, trimmed; null when empty. */
export const cellText = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/**
 * A CSV file whose header lacks a column the mapping names is refused whole, each missing column
 * listed under the mapping's field, rather than every row reported with the same empty field.
 * (GeoJSON features may each carry their own properties: there a missing one is the row's problem.)
 */
export function refuseMissingColumns(
  m: {
    format: 'geojson' | 'csv';
    csv: { delimiter: string; quote: string };
    columns: Record<string, string | undefined>;
  },
  content: string,
  locale: Locale,
): void {
  if (m.format !== 'csv') return;
  let header: string[];
  try {
    header = (
      (
        parse(content, {
          delimiter: m.csv.delimiter,
          quote: m.csv.quote,
          bom: true,
          to_line: 1,
        }) as string[][]
      )[0] ?? []
    ).map((h) => h.trim());
  } catch (err) {
    throw new AppError('objects_input_unreadable', [{ path: 'content', message: (err as Error).message }]);
  }
  const missing = Object.entries(m.columns).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !header.includes(entry[1]),
  );
  if (missing.length > 0)
    throw new AppError(
      'objects_mapping_invalid',
      missing.map(([field, name]) => ({
        path: `columns.${field}`,
        message: detailText(`vmeste:object_column_missing:${name}`, locale),
      })),
    );
}

/**
 * Records checked and written together: for objects one geometry check and one upsert statement, for
 * works one transaction. A chunk of 500 takes ~0.03–0.1 s, so a request at the 10 MB limit stays a
 * matter of seconds (docs/objects.md).
 */
export const IMPORT_CHUNK = 500;

/** An import's tally before its first record. */
export const emptyImportResult = (): ObjectsImportResult => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  errors: [],
});

/**
 * How many refused records an import lists (the first, by line); `failed` counts them all. A file
 * whose every row fails (a mapping that names the wrong kinds, say) would otherwise answer with a
 * list as long as the file, which no one reads past its first screen and a browser renders slowly.
 */
export const LISTED_ERRORS = 1000;

/** A record refused: counted, and — among the first LISTED_ERRORS — reported with its line and every problem in the reader's language. */
export function recordFailure(
  result: ObjectsImportResult,
  line: number,
  problems: Problem[],
  locale: Locale,
): void {
  result.failed++;
  if (result.errors.length >= LISTED_ERRORS) return;
  result.errors.push({
    line,
    problems: problems.map((p) => ({ path: p.path, message: detailText(p.message, locale) })),
  });
}

/**
 * A row's values against the bounds a value entered by hand has (an id of at most 200 characters, a
 * name of 2 to 300…), as the row's problems under their columns' names. Beyond them a value is not
 * only unusable on a page: an id or a name longer than an index entry may be would fail the statement.
 */
export function boundsProblems(
  bounds: z.ZodType,
  values: Record<string, string | null>,
  columns: Record<string, string | undefined>,
  locale: Locale,
): Problem[] {
  const checked = bounds.safeParse(values);
  if (checked.success) return [];
  return describeIssues(checked.error.issues, locale).map((d) => ({
    path: columns[d.path] ?? d.path,
    message: d.message,
  }));
}
