import { z } from 'zod';
import { AppError, type Locale } from '../../lib/errors.ts';
import { describeIssues } from '../../lib/validation.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { type WorkStatus, workStatuses } from './kinds.schemas.ts';
import { followersOf } from './objects.repo.ts';
import { type ObjectsImportResult, type WorkBody, workBodySchema } from './objects.schemas.ts';
import type { ObjectsDeps } from './objects.service.ts';
import {
  boundsProblems,
  cellText,
  column,
  csvOptions,
  emptyImportResult,
  IMPORT_CHUNK,
  type Problem,
  recordFailure,
  refuseMissingColumns,
  sourceName,
  sourceRecords,
} from './registry-file.ts';
import { importNotices, type WorkChange } from './work-news.ts';
import type { WorkWrite } from './works-import.repo.ts';
import * as repo from './works-import.repo.ts';

/**
 * The mapping of a works registry (a programme's repairs, a yard's improvements: docs/objects.md):
 * each row a work on an object already imported, found by the object's id in its registry.
 */
export const worksMappingSchema = z
  .object({
    source: sourceName,
    records: z.literal('works'),
    /** The registry the objects came from, when it is not `source` itself. */
    objectSource: sourceName.optional(),
    format: z.enum(['geojson', 'csv']),
    csv: csvOptions,
    columns: z
      .object({
        externalId: column,
        object: column,
        title: column,
        status: column,
        programme: column.optional(),
        contractor: column.optional(),
        budget: column.optional(),
        plannedStart: column.optional(),
        plannedEnd: column.optional(),
        actualStart: column.optional(),
        actualEnd: column.optional(),
      })
      .strict(),
    statuses: z.record(z.string(), z.enum(workStatuses)).default({}),
  })
  .strict();
type WorksMapping = z.output<typeof worksMappingSchema>;

const DATE_FIELDS = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
/** A registry id's bounds, as an object's (a missing one is reported apart). */
const workIdBounds = z.object({
  externalId: z.string().max(200).nullable(),
  object: z.string().max(200).nullable(),
});

/**
 * A registry's date as `YYYY-MM-DD`: written so, or as Russian registries write it, `DD.MM.YYYY`;
 * null when it is neither or names no day of the calendar (31.02).
 */
export function registryDate(raw: string): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
  if (!parts) return null;
  const [year, month, day] = raw.includes('-')
    ? [Number(parts[1]), Number(parts[2]), Number(parts[3])]
    : [Number(parts[3]), Number(parts[2]), Number(parts[1])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** Roubles as the work's budget takes them (`1234567.89`): spaces between thousands and a decimal comma allowed. */
export function registryMoney(raw: string): string | null {
  const plain = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^\d{1,14}(\.\d{1,2})?$/.test(plain) ? plain : null;
}

/**
 * One row as a work: its registry key, its object and its fields, or every problem found in it. The
 * fields go through the same schema as a work entered by hand (lengths, real dates, an end not before
 * its start), its problems named by the file's columns.
 */
function readWork(
  m: WorksMapping,
  fields: Record<string, unknown>,
  objects: Map<string, { id: string; name: string }>,
  locale: Locale,
): {
  problems: Problem[];
  work?: { externalId: string; object: { id: string; name: string }; body: WorkBody };
} {
  const cols = m.columns;
  const field = (key: keyof WorksMapping['columns']) => {
    const name = cols[key];
    return name ? cellText(fields[name]) : null;
  };
  const problems: Problem[] = [];
  const externalId = field('externalId');
  if (!externalId) problems.push({ path: cols.externalId, message: 'vmeste:object_field_missing' });
  const objectId = field('object');
  const object = objectId ? objects.get(`${m.objectSource ?? m.source}:${objectId}`) : undefined;
  if (!objectId) problems.push({ path: cols.object, message: 'vmeste:object_field_missing' });
  else if (!object) problems.push({ path: cols.object, message: `vmeste:work_object_unknown:${objectId}` });
  problems.push(...boundsProblems(workIdBounds, { externalId, object: objectId }, cols, locale));
  const statusRaw = field('status');
  const status = statusRaw ? (m.statuses[statusRaw] ?? statusRaw) : null;
  if (!status || !(workStatuses as readonly string[]).includes(status))
    problems.push({ path: cols.status, message: `vmeste:work_status_unknown:${statusRaw ?? ''}` });
  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string | null>> = {};
  for (const key of DATE_FIELDS) {
    const raw = field(key);
    dates[key] = raw ? registryDate(raw) : null;
    if (raw && !dates[key])
      problems.push({ path: cols[key]!, message: `vmeste:work_date_unreadable:${raw}` });
  }
  const budgetRaw = field('budget');
  const budget = budgetRaw ? registryMoney(budgetRaw) : null;
  if (budgetRaw && !budget)
    problems.push({ path: cols.budget!, message: `vmeste:work_budget_unreadable:${budgetRaw}` });
  const parsed = workBodySchema.safeParse({
    title: field('title') ?? '',
    programme: field('programme'),
    contractor: field('contractor'),
    budget,
    ...dates,
    status: status as WorkStatus,
  });
  if (!parsed.success)
    for (const issue of describeIssues(parsed.error.issues, locale)) {
      const key = issue.path as keyof WorksMapping['columns'];
      // The status and a date or budget that could not be read are reported above already.
      if (key === 'status' || problems.some((p) => p.path === cols[key])) continue;
      problems.push({ path: cols[key] ?? issue.path, message: issue.message });
    }
  if (problems.length > 0 || !parsed.success || !externalId || !object) return { problems };
  return { problems, work: { externalId: `${m.source}:${externalId}`, object, body: parsed.data } };
}

/**
 * Imports a works registry (CSV or a GeoJSON collection's properties): each row checked on its own
 * and stored by its registry id — added, changed, or left as it is when nothing changed, so importing
 * the same file twice changes nothing; a bad row is reported with its line and every problem, and the
 * others go in. Followers of an object hear of its works added, started, completed or cancelled, as
 * when an editor changes them by hand. Rows go to the database IMPORT_CHUNK at a time, a chunk in one
 * transaction (its works, their audit rows and their followers' news; on an error of the database the
 * import stops, the chunks before it kept).
 */
export async function importWorks(
  deps: ObjectsDeps,
  actor: Actor | null,
  rawMapping: unknown,
  content: string,
  locale: Locale,
): Promise<ObjectsImportResult> {
  const parsed = worksMappingSchema.safeParse(rawMapping);
  if (!parsed.success)
    throw new AppError('objects_mapping_invalid', describeIssues(parsed.error.issues, locale));
  const m = parsed.data;
  refuseMissingColumns(m, content, locale);
  const rows = sourceRecords(m, content);
  const objects = await repo.objectsByExternalId(
    deps.db,
    [...new Set(rows.map((r) => cellText(r.fields[m.columns.object])))]
      .filter((id): id is string => id !== null)
      .map((id) => `${m.objectSource ?? m.source}:${id}`),
  );
  const result = emptyImportResult();
  const now = deps.clock.now();
  let chunk: { work: WorkWrite; object: { id: string; name: string } }[] = [];
  const keys = new Set<string>();
  const write = async () => {
    const works = chunk;
    chunk = [];
    keys.clear();
    const saved = await deps.db.transaction(async (tx) => {
      const before = await repo.lockWorks(
        tx,
        works.map((w) => w.work.externalId),
      );
      const changed = await repo.upsertWorks(
        tx,
        works.map((w) => w.work),
        now,
      );
      await writeAudit(
        tx,
        works.flatMap(({ work }) => {
          const row = changed.get(work.externalId);
          if (!row) return [];
          const action = row.created ? ('work.create' as const) : ('work.update' as const);
          return [{ actor, action, entityType: 'object_work', entityId: row.id, at: now }];
        }),
      );
      const followers = await followersOf(tx, [
        ...new Set(works.filter((w) => changed.has(w.work.externalId)).map((w) => w.object.id)),
      ]);
      // The chunk's news in one look-up of the people and one insert (not two statements a work).
      const changes = works.flatMap(({ work, object }) => {
        const row = changed.get(work.externalId);
        const audience = followers.get(object.id);
        if (!row || !audience) return [];
        const change: WorkChange = {
          before: row.created ? null : (before.get(work.externalId)?.status ?? null),
          after: work.body.status,
          object,
          work: { id: row.id, title: work.body.title },
          editorId: actor?.id ?? '',
          at: now,
        };
        return [{ change, followers: audience }];
      });
      await deps.notifier.tell(tx, importNotices(changes));
      return changed;
    });
    for (const { work } of works) {
      const row = saved.get(work.externalId);
      result[row ? (row.created ? 'created' : 'updated') : 'unchanged']++;
    }
  };
  for (const row of rows) {
    result.read++;
    const { problems, work } = readWork(m, row.fields, objects, locale);
    if (!work) {
      recordFailure(result, row.line, problems, locale);
      continue;
    }
    // A key met twice goes in a chunk of its own: the later row changes the earlier, as one at a time.
    if (chunk.length === IMPORT_CHUNK || keys.has(work.externalId)) await write();
    chunk.push({
      work: { externalId: work.externalId, objectId: work.object.id, body: work.body },
      object: work.object,
    });
    keys.add(work.externalId);
  }
  if (chunk.length > 0) await write();
  deps.notifier.afterCommit();
  return result;
}
