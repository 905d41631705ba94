/**
 * Streamed CSV and XLSX of any table (docs/analytics.md "Exports"; poll results and ballots too): rows come from an async iterable
 * (a keyset-paged query), leave as soon as they are formatted, and the next page is read only when
 * the client has taken the previous one, so a million-row export keeps the server's memory flat.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';

export type Cell = string | number | boolean | null | undefined;
export type ExportFormat = 'csv' | 'xlsx';

export const exportContentType: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * One CSV field (RFC 4180). A text starting with = + - @ (or a tab/CR) is prefixed with an apostrophe
 * so a spreadsheet opening the file does not run it as a formula (CSV injection).
 */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;

/** CSV with a UTF-8 byte-order mark (so Excel reads Cyrillic) and a header line. */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly Cell[]>): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine(header)}`;
    let chunk = '';
    for await (const row of rows) {
      chunk += csvLine(row);
      // ~64 KiB per write: fewer, larger chunks, still a bounded buffer.
      if (chunk.length > 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}

const xlsxCell = (v: Cell): string | number | boolean | null => (v === undefined ? null : v);

/** One worksheet of an XLSX export: its name, header and rows. */
export type Sheet = { name: string; header: readonly string[]; rows: AsyncIterable<readonly Cell[]> };

/**
 * XLSX through exceljs's streaming writer, one worksheet per sheet: each row is committed (written out
 * and forgotten) as it comes, and the reader waits while the client has not drained the output.
 */
export function xlsxStream(sheets: readonly Sheet[]): Readable {
  const out = new PassThrough();
  (async () => {
    // Loaded with the first XLSX export, not at every start: exceljs and its zip libraries are
    // ~0.6 s of CPU to load, a sixth of an app node's start.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    for (const { name, header, rows } of sheets) {
      const sheet = workbook.addWorksheet(name.slice(0, 31));
      sheet.addRow([...header]).commit();
      for await (const row of rows) {
        sheet.addRow(row.map(xlsxCell)).commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

export function tableStream(
  format: ExportFormat,
  name: string,
  header: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): Readable {
  return format === 'csv' ? csvStream(header, rows) : xlsxStream([{ name, header, rows }]);
}

/** Rows of a small table already in memory, as the async iterable the writers take. */
export async function* fromArray(rows: readonly (readonly Cell[])[]): AsyncIterable<readonly Cell[]> {
  for (const r of rows) yield r;
}
