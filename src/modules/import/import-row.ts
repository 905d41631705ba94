import { randomUUID } from 'node:crypto';
import { addWorkingDays } from '../../lib/working-days.ts';
import { deadlineStatuses } from '../reports/report-states.ts';
import { REPORT_TEXT_MAX } from '../reports/reports.schemas.ts';
import {
  type ImportableStatus,
  type ImportMapping,
  type ImportReference,
  importableStatuses,
  statusesNeedingOrganisation,
} from './import-mapping.ts';
import type { LineProblem } from './import-sources.ts';

/** A line that passed every check that needs no database: ready for the batched insert. */
export type ImportRow = {
  /** The new report's id, chosen here so the statement's result rows can be matched to lines. */
  id: string;
  line: number;
  externalId: string;
  categoryId: string;
  status: ImportableStatus;
  text: string;
  lat: number;
  lon: number;
  address: string | null;
  organisationId: string | null;
  isPublic: boolean;
  createdAt: Date;
  /** Set for statuses in which the organisation owes an answer (from the subject's SLA). */
  dueAt: Date | null;
};

export type MappedLine =
  | { ok: true; row: ImportRow }
  | { ok: false; externalId: string | null; problems: LineProblem[] };

const EXTERNAL_ID_MAX = 200;
const ADDRESS_MAX = 500;
/** Older dates are almost surely a broken export (Unix epoch zero, "0001-01-01"). */
const EARLIEST = Date.UTC(1990, 0, 1);

type Text = { kind: 'missing' } | { kind: 'invalid' } | { kind: 'ok'; value: string };

/** A field as text: strings trimmed, numbers written out; empty is missing; objects and booleans are invalid. */
function textOf(v: unknown): Text {
  if (v === undefined || v === null) return { kind: 'missing' };
  if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'ok', value: String(v) };
  if (typeof v !== 'string') return { kind: 'invalid' };
  const value = v.trim();
  return value === '' ? { kind: 'missing' } : { kind: 'ok', value };
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 date or date-time; without an offset the mapping's time zone applies. Null if invalid. */
export function parseSourceDate(value: string, timezone: string): Date | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as number[];
  // Reject what Date would roll over (30 February, 25 o'clock) instead of silently shifting it.
  const probe = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month! - 1 ||
    probe.getUTCDate() !== day ||
    probe.getUTCHours() !== hour ||
    probe.getUTCMinutes() !== minute ||
    probe.getUTCSeconds() !== second
  )
    return null;
  let offset = zone ?? timezone;
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : '.000';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function coordinateOf(v: unknown): number | null {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * Turns one source record into a report row, or lists every problem with it (not just the first):
 * required fields, types and lengths, the date, the coordinates, and the category, status and
 * organisation through the mapping. The region check needs PostGIS and happens in the insert.
 */
export function mapRecord(
  line: number,
  fields: Record<string, unknown>,
  mapping: ImportMapping,
  reference: ImportReference,
  now: Date,
): MappedLine {
  const c = mapping.columns;
  const problems: LineProblem[] = [];
  const required = (column: string, max: number): string | null => {
    const t = textOf(fields[column]);
    if (t.kind === 'missing') problems.push({ path: column, code: 'import_missing_field' });
    else if (t.kind === 'invalid' || t.value.length > max)
      problems.push({ path: column, code: 'import_invalid_value' });
    else return t.value;
    return null;
  };
  const optional = (column: string | undefined, max: number): string | null => {
    if (!column) return null;
    const t = textOf(fields[column]);
    if (t.kind === 'missing') return null;
    if (t.kind === 'invalid' || t.value.length > max) {
      problems.push({ path: column, code: 'import_invalid_value' });
      return null;
    }
    return t.value;
  };

  const externalId = required(c.externalId, EXTERNAL_ID_MAX);
  const text = required(c.text, REPORT_TEXT_MAX);
  const address = optional(c.address, ADDRESS_MAX);

  let createdAt: Date | null = null;
  const dateText = required(c.createdAt, 64);
  if (dateText !== null) {
    createdAt = parseSourceDate(dateText, mapping.timezone);
    if (!createdAt) problems.push({ path: c.createdAt, code: 'import_invalid_date' });
    else if (createdAt.getTime() < EARLIEST || createdAt.getTime() > now.getTime()) {
      problems.push({ path: c.createdAt, code: 'import_date_out_of_range' });
      createdAt = null;
    }
  }

  const lat = coordinateOf(fields[c.lat]);
  const lon = coordinateOf(fields[c.lon]);
  for (const [column, value, limit] of [
    [c.lat, lat, 90],
    [c.lon, lon, 180],
  ] as const) {
    if (textOf(fields[column]).kind === 'missing')
      problems.push({ path: column, code: 'import_missing_field' });
    else if (value === null || Math.abs(value) > limit)
      problems.push({ path: column, code: 'import_invalid_coordinates' });
  }

  let category: { id: string; slaDays: number | null } | undefined;
  const categoryValue = required(c.category, 1000);
  if (categoryValue !== null) {
    category = reference.subjects.get(mapping.categories[categoryValue] ?? categoryValue);
    if (!category) problems.push({ path: c.category, code: 'import_unknown_category' });
  }

  let status: ImportableStatus | null = mapping.defaults.status;
  const statusValue = optional(c.status, 200);
  if (statusValue !== null) {
    status =
      mapping.statuses[statusValue] ??
      ((importableStatuses as readonly string[]).includes(statusValue)
        ? (statusValue as ImportableStatus)
        : null);
    if (!status) problems.push({ path: c.status!, code: 'import_unknown_status' });
  }

  let organisationId: string | null = null;
  const organisationValue = optional(c.organisation, 1000);
  if (organisationValue !== null) {
    const code = mapping.organisations[organisationValue] ?? organisationValue;
    organisationId = reference.organisations.get(code) ?? null;
    if (!organisationId && mapping.defaults.unmappedOrganisation === 'error')
      problems.push({ path: c.organisation!, code: 'import_unknown_organisation' });
  }
  const organisationFailed = problems.some((p) => p.code === 'import_unknown_organisation');
  if (status && statusesNeedingOrganisation.includes(status) && !organisationId && !organisationFailed)
    problems.push({ path: c.organisation ?? c.status ?? 'status', code: 'import_organisation_required' });

  if (
    problems.length ||
    !externalId ||
    !text ||
    !createdAt ||
    lat === null ||
    lon === null ||
    !category ||
    !status
  )
    return { ok: false, externalId, problems };
  const owesAnswer = (deadlineStatuses as readonly string[]).includes(status);
  return {
    ok: true,
    row: {
      id: randomUUID(),
      line,
      externalId,
      categoryId: category.id,
      status,
      text,
      lat,
      lon,
      address,
      organisationId,
      isPublic: mapping.defaults.isPublic,
      createdAt,
      dueAt: owesAnswer && category.slaDays ? addWorkingDays(createdAt, category.slaDays) : null,
    },
  };
}
