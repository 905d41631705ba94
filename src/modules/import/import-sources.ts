import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type CsvError, parse } from 'csv-parse';
import type { ErrorCode } from '../../lib/errors.ts';

/**
 * Readers for the import: each yields one record per source line (JSONL) or CSV row, with its line
 * number, either as named fields or as the problems that make it unreadable. They pull from node
 * streams through async iteration, so a slow database pauses the file (back-pressure) and memory
 * stays bounded by one batch whatever the file's size.
 */

export type LineProblem = { path: string; code: ErrorCode; detail?: string };

export type SourceRecord =
  | { line: number; fields: Record<string, unknown> }
  | { line: number; problems: LineProblem[] };

/** A line longer than this is reported and skipped instead of being held in memory. */
export const MAX_LINE_BYTES = 1 << 20;

/** The file's bytes, gunzipped on the fly when it starts with the gzip magic bytes. */
export async function openInput(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const stream: Readable = createReadStream(file);
  return head[0] === 0x1f && head[1] === 0x8b ? stream.pipe(createGunzip()) : stream;
}

/** Strict UTF-8: invalid bytes are an error to report, not a replacement character to import. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Splits a byte stream into lines without decoding it (so each line's encoding can be judged on
 * its own); `bytes` is null for a line over the limit, whose bytes were dropped as they came.
 */
export async function* byteLines(
  input: AsyncIterable<Buffer>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<{ line: number; bytes: Buffer | null }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const finish = () => {
    line++;
    let bytes = tooLong ? null : Buffer.concat(parts, size);
    if (bytes && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    parts = [];
    size = 0;
    tooLong = false;
    return { line, bytes };
  };
  for await (const chunk of input) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      if (!tooLong) parts.push(chunk.subarray(start, nl));
      size += nl - start;
      if (size > maxBytes) tooLong = true;
      yield finish();
      start = nl + 1;
    }
    if (start < chunk.length) {
      size += chunk.length - start;
      if (size > maxBytes) {
        tooLong = true;
        parts = [];
      }
      // Copy: the stream may reuse its chunk, and a slice would pin the whole chunk in memory.
      if (!tooLong) parts.push(Buffer.from(chunk.subarray(start)));
    }
  }
  if (size > 0 || tooLong) yield finish();
}

/** JSONL: one JSON object a line; blank lines are ignored (they are not records). */
export async function* readJsonlRecords(input: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  for await (const { line, bytes } of byteLines(input)) {
    if (bytes === null) {
      yield { line, problems: [{ path: '', code: 'import_line_too_long' }] };
      continue;
    }
    const text = decodeUtf8(bytes);
    if (text === null) {
      yield { line, problems: [{ path: '', code: 'import_invalid_encoding' }] };
      continue;
    }
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      yield { line, problems: [{ path: '', code: 'import_malformed_json', detail: (err as Error).message }] };
      continue;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      yield { line, problems: [{ path: '', code: 'import_malformed_json' }] };
      continue;
    }
    yield { line, fields: json as Record<string, unknown> };
  }
}

/** Thrown when a CSV file cannot be imported at all (no header, or a header that is not UTF-8). */
export class CsvHeaderError extends Error {}

/**
 * CSV with a header row. The parser reads bytes as Latin-1 (one character a byte), so delimiters
 * and quotes are found exactly and every field keeps its original bytes; each field is then
 * decoded as strict UTF-8 and a bad one fails its row alone. Rows the parser rejects (a stray
 * quote, an unclosed quote, an oversized record) are reported by line and parsing goes on.
 */
export async function* readCsvRecords(
  input: Readable,
  options: { delimiter: string; quote: string },
): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  let lastSkippedLine = -1;
  const parser = input.pipe(
    parse({
      encoding: 'latin1',
      delimiter: options.delimiter,
      quote: options.quote,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_LINE_BYTES,
      info: true,
      on_skip: (err: CsvError | undefined) => {
        const at = (err as (CsvError & { lines?: number }) | undefined)?.lines ?? 0;
        // One bad row can raise several errors (one per stray quote): report the row once. The
        // parser's own message quotes the row's content, so only its code goes into the report.
        if (at === lastSkippedLine) return undefined;
        lastSkippedLine = at;
        skipped.push({
          line: at,
          problems: [{ path: '', code: 'import_malformed_csv', detail: err?.code ?? 'unreadable row' }],
        });
        return undefined;
      },
    }),
  );
  let header: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    const line = info.lines;
    // The parser may run ahead of this loop: report the rows it rejected before this one first.
    while (skipped.length && skipped[0]!.line < line) yield skipped.shift()!;
    const values = record.map((field) => decodeUtf8(Buffer.from(field, 'latin1')));
    if (!header) {
      if (values.some((v) => v === null)) throw new CsvHeaderError('The CSV header row is not valid UTF-8');
      header = (values as string[]).map((v, i) => (i === 0 ? v.replace(/^\uFEFF/, '') : v).trim());
      continue;
    }
    const problems: LineProblem[] = [];
    if (values.length !== header.length)
      problems.push({
        path: '',
        code: 'import_malformed_csv',
        detail: `expected ${header.length} fields, found ${values.length}`,
      });
    values.forEach((v, i) => {
      if (v === null) problems.push({ path: header![i] ?? `#${i + 1}`, code: 'import_invalid_encoding' });
    });
    if (problems.length) {
      yield { line, problems };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, i) => {
      fields[name] = values[i];
    });
    yield { line, fields };
  }
  while (skipped.length) yield skipped.shift()!;
  if (!header) throw new CsvHeaderError('The CSV file has no header row');
}

/** The header of a CSV file, to check the mapping's columns before importing anything. */
export async function readCsvHeader(file: string, options: { delimiter: string; quote: string }) {
  const input = await openInput(file);
  try {
    const parser = input.pipe(
      parse({ encoding: 'utf8', delimiter: options.delimiter, quote: options.quote, to_line: 1, bom: true }),
    );
    for await (const record of parser as AsyncIterable<string[]>) return record.map((v) => v.trim());
    return [];
  } finally {
    input.destroy();
  }
}
