import { DAY_MS } from '../../lib/clock.ts';
import type { ErrorDetail } from '../../lib/errors.ts';
import type { FormFields } from './open311.form.ts';
import { single } from './open311.form.ts';

/**
 * Parsing of Open311 parameters with every problem collected (the caller throws them together), so a
 * client learns all that is wrong with a request at once.
 */
export class Problems {
  readonly list: ErrorDetail[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

export const MAX_SPAN_DAYS = 90;
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

// W3C datetime: a date, or a date and time with seconds and an optional fraction and zone.
const w3c = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseDate(fields: FormFields, key: string, problems: Problems): Date | undefined {
  const raw = single(fields, key);
  if (raw === undefined) return undefined;
  const d = new Date(raw);
  // Year 0 and five-digit years parse in JavaScript but not in PostgreSQL (a 500 before).
  const year = d.getUTCFullYear();
  if (!w3c.test(raw) || Number.isNaN(d.getTime()) || year < 1 || year > 9999) {
    problems.add(key, 'vmeste:open311_datetime');
    return undefined;
  }
  return d;
}

/**
 * start_date/end_date as the specification says: without either, the last 90 days; with one, 90 days
 * from or to it; never a span over 90 days.
 */
export function dateWindow(
  fields: FormFields,
  now: Date,
  problems: Problems,
): { from: Date; to: Date; spanTooLong: boolean } | undefined {
  const start = parseDate(fields, 'start_date', problems);
  const end = parseDate(fields, 'end_date', problems);
  if (problems.any) return undefined;
  const span = MAX_SPAN_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) {
    problems.add('end_date', 'vmeste:open311_end_before_start');
    return undefined;
  }
  return { from, to, spanTooLong: to.getTime() - from.getTime() > span };
}

export function parsePaging(fields: FormFields, problems: Problems): { page: number; pageSize: number } {
  const int = (key: string, fallback: number, max: number) => {
    const raw = single(fields, key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > max) {
      problems.add(key, `vmeste:open311_int_range:${max}`);
      return fallback;
    }
    return n;
  };
  return { page: int('page', 1, 1_000_000), pageSize: int('page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

/** `bbox=minLong,minLat,maxLong,maxLat` (the extension's order: x before y). */
export function parseBbox(fields: FormFields, problems: Problems) {
  const raw = single(fields, 'bbox');
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((p) => Number(p.trim()));
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  if (
    parts.length !== 4 ||
    parts.some((n) => !Number.isFinite(n)) ||
    minLon > maxLon ||
    minLat > maxLat ||
    minLat < -90 ||
    maxLat > 90 ||
    minLon < -180 ||
    maxLon > 180
  ) {
    problems.add('bbox', 'vmeste:open311_bbox');
    return undefined;
  }
  return { minLon, minLat, maxLon, maxLat };
}

/** A comma-delimited list parameter (service_code, status, service_request_id). */
export function listParam(fields: FormFields, key: string): string[] | undefined {
  const v = fields[key];
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

export function parseCoordinate(
  fields: FormFields,
  key: 'lat' | 'long',
  problems: Problems,
): number | undefined {
  const raw = single(fields, key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const limit = key === 'lat' ? 90 : 180;
  if (!/^[-+]?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n) || n < -limit || n > limit) {
    problems.add(key, `vmeste:open311_coordinate:${limit}`);
    return undefined;
  }
  return n;
}

/** RFC 5321's limit on a whole address. */
export const EMAIL_MAX = 254;

/**
 * `local@domain.tld` with no spaces and a single `@`, checked in one pass: the regular expression it
 * replaces backtracked quadratically (a 20,000-character value blocked the event loop for a second).
 */
export function isEmail(value: string): boolean {
  if (value.length > EMAIL_MAX || /\s/.test(value)) return false;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1;
}
