/**
 * Streaming CSV and XLSX for exports (results, ballots): rows are written as they come, so a large
 * table never sits in memory. The XLSX is written by exceljs's streaming writer.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;
export type Sheet = { name: string; header: string[]; rows: () => AsyncIterable<Cell[]> };

/** One CSV field (RFC 4180); a leading =, +, - or @ is neutralised so spreadsheets do not run it. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV stream (UTF-8 with a byte order mark, which Excel needs to read Cyrillic). */
export function csvStream(sheet: Sheet): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${sheet.header.map(csvField).join(',')}\r\n`;
    for await (const row of sheet.rows()) yield `${row.map(csvField).join(',')}\r\n`;
  }
  return Readable.from(lines());
}

/** An XLSX stream with one worksheet per sheet, committed row by row. */
export function xlsxStream(sheets: Sheet[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  (async () => {
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
      ws.addRow(sheet.header).commit();
      for await (const row of sheet.rows()) ws.addRow(row).commit();
      ws.commit();
    }
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
