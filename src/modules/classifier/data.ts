import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ReportInput, TrainingExample } from './types.ts';

/** Lines of a JSONL file, gunzipped on the fly when the file starts with the gzip magic bytes. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  let stream: Readable = createReadStream(path);
  if (head[0] === 0x1f && head[1] === 0x8b) stream = stream.pipe(createGunzip());
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield line;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; id?: unknown };

function optionalNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function optionalString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** One classify input line: `{"id","text","lat"?,"lon"?,"district"?,"city_object"?,"address"?}`. */
export function parseInputLine(line: string): Parsed<ReportInput & { id: unknown }> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not_json' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, error: 'not_an_object' };
  const o = json as Record<string, unknown>;
  const id = o.id ?? null;
  if (typeof o.text !== 'string') return { ok: false, error: 'missing_text', id };
  return {
    ok: true,
    value: {
      id,
      text: o.text,
      lat: optionalNumber(o.lat),
      lon: optionalNumber(o.lon),
      district: optionalString(o.district),
      city_object: optionalString(o.city_object),
      address: optionalString(o.address),
    },
  };
}

/** One training line; labels that are missing, empty or not strings are left out (that label skips the line). */
export function parseTrainingLine(line: string): Parsed<TrainingExample & { id: unknown }> {
  const parsed = parseInputLine(line);
  if (!parsed.ok) return parsed;
  const o = JSON.parse(line) as Record<string, unknown>;
  const label = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  return {
    ok: true,
    value: {
      ...parsed.value,
      dt: optionalString(o.dt),
      category: label(o.category),
      reason: label(o.reason),
      executor_org: label(o.executor_org),
    },
  };
}

export interface TrainingFile {
  examples: (TrainingExample & { id: unknown })[];
  lines: number;
  /** Lines not used at all, by cause (not_json, not_an_object, missing_text). */
  skipped: Record<string, number>;
}

export async function readTrainingFile(path: string): Promise<TrainingFile> {
  const examples: (TrainingExample & { id: unknown })[] = [];
  const skipped: Record<string, number> = {};
  let lines = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    lines++;
    const parsed = parseTrainingLine(line);
    if (parsed.ok) examples.push(parsed.value);
    else skipped[parsed.error] = (skipped[parsed.error] ?? 0) + 1;
  }
  return { examples, lines, skipped };
}
