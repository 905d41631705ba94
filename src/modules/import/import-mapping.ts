import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, type ErrorDetail, type Locale } from '../../lib/errors.ts';
import { describeIssues } from '../../lib/validation.ts';
import type { ReportStatus } from '../reports/report-states.ts';

/**
 * Statuses a historical report may be imported in. The ones that need an answer record (drafted,
 * under review, answered, resolved, disputed) are left out: an export carries no answers, and a
 * report "answered" without an answer would break the resident's rating and dispute steps.
 */
export const importableStatuses = [
  'submitted',
  'accepted',
  'assigned',
  'in_progress',
  'rejected',
  'closed',
] as const satisfies readonly ReportStatus[];
export type ImportableStatus = (typeof importableStatuses)[number];

/** Statuses in which an organisation holds the report, so the row must name one. */
export const statusesNeedingOrganisation: readonly ImportableStatus[] = ['assigned', 'in_progress'];

const column = z.string().trim().min(1).max(200);

/**
 * The mapping file (JSON): which source column feeds which report field, how source categories,
 * statuses and organisations translate to the platform's codes, and the defaults. docs/import.md.
 */
export const mappingSchema = z
  .object({
    /** Names the source system; with the external id it is the idempotency key. */
    source: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'vmeste:import_source_name'),
    format: z.enum(['jsonl', 'csv']),
    csv: z
      .object({
        delimiter: z.string().length(1).default(','),
        quote: z.string().length(1).default('"'),
      })
      .strict()
      .default({ delimiter: ',', quote: '"' }),
    /** Offset applied to dates written without one (St Petersburg: "+03:00"). */
    timezone: z
      .string()
      .regex(/^(Z|[+-]\d{2}:\d{2})$/, 'vmeste:import_timezone')
      .default('Z'),
    columns: z
      .object({
        externalId: column,
        text: column,
        createdAt: column,
        lat: column,
        lon: column,
        category: column,
        address: column.optional(),
        status: column.optional(),
        organisation: column.optional(),
      })
      .strict(),
    /** Source category value → platform subject code. A value that already is a subject code needs no entry. */
    categories: z.record(z.string(), z.string().min(1)).default({}),
    /** Source status value → platform status. */
    statuses: z.record(z.string(), z.enum(importableStatuses)).default({}),
    /** Source organisation value → platform organisation code. */
    organisations: z.record(z.string(), z.string().min(1)).default({}),
    defaults: z
      .object({
        /** The status of rows without a status column or with an empty value. */
        status: z.enum(importableStatuses).default('closed'),
        isPublic: z.boolean().default(true),
        /** `error`: an organisation value missing from the map fails the line; `unassigned`: imported without one. */
        unmappedOrganisation: z.enum(['error', 'unassigned']).default('error'),
      })
      .strict()
      .default({ status: 'closed', isPublic: true, unmappedOrganisation: 'error' }),
  })
  .strict();

export type ImportMapping = z.infer<typeof mappingSchema>;

/** What the platform knows, to check the mapping against and to resolve each line. */
export type ImportReference = {
  /** Active subject code → its id and SLA (topics are not selectable, so absent). */
  subjects: Map<string, { id: string; slaDays: number | null }>;
  /** Organisation code → id. */
  organisations: Map<string, string>;
};

function mappingError(details: ErrorDetail[]): AppError {
  return new AppError('import_mapping_invalid', details);
}

/** Parses and checks a mapping file's text: JSON, the schema, then every code against the database. */
export function parseMapping(text: string, reference: ImportReference, locale: Locale): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw mappingError([{ path: '', message: (err as Error).message, code: 'malformed_json' }]);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) throw mappingError(describeIssues(parsed.error.issues, locale));
  const mapping = parsed.data;
  const problems: ErrorDetail[] = [];
  const message = (ru: string, en: string) => (locale === 'ru' ? ru : en);
  for (const [from, code] of Object.entries(mapping.categories))
    if (!reference.subjects.has(code))
      problems.push({
        path: `categories.${from}`,
        code: 'unknown_category',
        message: message(`Нет такой подкатегории: ${code}`, `No such subject: ${code}`),
      });
  for (const [from, code] of Object.entries(mapping.organisations))
    if (!reference.organisations.has(code))
      problems.push({
        path: `organisations.${from}`,
        code: 'unknown_organisation',
        message: message(`Нет такой организации: ${code}`, `No such organisation: ${code}`),
      });
  if (problems.length) throw mappingError(problems);
  return mapping;
}

export async function loadMapping(
  file: string,
  reference: ImportReference,
  locale: Locale,
): Promise<ImportMapping> {
  return parseMapping(await readFile(file, 'utf8'), reference, locale);
}
