import { CURATOR_OPEN_STATUSES, ORGANISATION_OPEN_STATUSES } from '../../db/schema/reports.ts';
import { AppError } from '../../lib/errors.ts';
import { moderationDeadline, uncachedCalendar, workingDaysLeft } from '../calendar/index.ts';
import type { Actor } from '../identity/index.ts';
import { categoryWithSubjects, territoryWithChildren } from '../reference/index.ts';
import { presentSummary } from './report.presenter.ts';
import * as listRepo from './report-list.repo.ts';
import { type ListCursor, type ListFilters, type ListVisibility, MAX_OFFSET } from './report-list.repo.ts';
import { listSortedPage, type SortedCursor, supportCounts } from './report-list-sorted.repo.ts';
import { answerClockRuns, type ReportStatus } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import type * as repo from './reports.repo.ts';
import type { ReportRow } from './reports.repo.ts';
import type { ListReportsQuery, ReportList, ReportSort, ReportSummary } from './reports.schemas.ts';

export function visibilityFor(actor: Actor | null): repo.Visibility {
  if (actor && (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'analyst'))
    return { kind: 'all' };
  return {
    kind: 'scoped',
    userId: actor?.id ?? null,
    organisationId: actor?.role === 'operator' ? actor.organisationId : null,
    territoryId: actor?.role === 'curator' ? actor.territoryId : null,
  };
}

/** Work lists are filters over what the actor may see anyway; asking for a queue you do not have is refused. */
type QueueFilters = {
  statuses: readonly ReportStatus[];
  territoryId: string;
  organisationId: string;
  authorId: string;
};

function queueFilters(actor: Actor | null, query: ListReportsQuery): Partial<QueueFilters> {
  if (!query.queue) return {};
  if (!actor) throw new AppError('unauthenticated');
  const role = actor.role;
  const deny = () => {
    throw new AppError('forbidden', [{ path: 'queue', message: 'forbidden' }]);
  };
  switch (query.queue) {
    case 'mine':
      return { authorId: actor.id };
    case 'moderation':
      if (role !== 'moderator' && role !== 'admin') deny();
      return { statuses: ['submitted'] };
    // A curator's work lists cover their territory only, not every public report they can read.
    case 'review':
      if (role !== 'moderator' && role !== 'admin' && role !== 'curator') deny();
      return { statuses: ['answer_review'], ...curatorScope(actor) };
    case 'curator':
      if (role !== 'curator' && role !== 'admin') deny();
      return { statuses: CURATOR_OPEN_STATUSES, ...curatorScope(actor) };
    case 'organisation':
      if (role !== 'operator' || !actor.organisationId) deny();
      return {
        organisationId: actor.organisationId ?? undefined,
        statuses: ORGANISATION_OPEN_STATUSES,
      };
  }
}

function curatorScope(actor: Actor): Partial<QueueFilters> {
  return actor.role === 'curator' && actor.territoryId ? { territoryId: actor.territoryId } : {};
}

/** The cursor travels as base64url JSON; anything else is refused with the error envelope. */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): ListCursor {
  const refuse = () => new AppError('validation_failed', [{ path: 'cursor', message: 'vmeste:cursor' }]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const c = value as Partial<ListCursor> | null;
  if (
    !c ||
    typeof c.at !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(c.at) ||
    !Number.isSafeInteger(c.n) ||
    (c.rank !== undefined && !Number.isFinite(c.rank))
  )
    throw refuse();
  return { at: c.at, n: c.n as number, ...(c.rank !== undefined ? { rank: c.rank } : {}) };
}

/** A sorted list's cursor: the order it belongs to, the last row's key and number. */
function encodeSortedCursor(sort: ReportSort, c: SortedCursor): string {
  return Buffer.from(JSON.stringify({ s: sort, k: c.key, n: c.n })).toString('base64url');
}

function decodeSortedCursor(text: string, sort: ReportSort): SortedCursor {
  const refuse = () => new AppError('validation_failed', [{ path: 'cursor', message: 'vmeste:cursor' }]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const c = value as { s?: unknown; k?: unknown; n?: unknown } | null;
  const key = c?.k;
  const keyOk =
    key === null ||
    (typeof key === 'string' &&
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(key) || /^-?\d{1,9}$/.test(key)));
  // A cursor of another order (or a newest-first one) would start the page at the wrong place.
  if (!c || c.s !== sort || !keyOk || !Number.isSafeInteger(c.n)) throw refuse();
  return { key: key as string | null, n: c.n as number };
}

/** Who took the report into work, as the filter asks: staff only (residents never see who works on what). */
function assigneeFilter(actor: Actor | null, query: ListReportsQuery): string | null | undefined {
  if (query.assignee === undefined) return undefined;
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role === 'resident')
    throw new AppError('forbidden', [{ path: 'assignee', message: 'forbidden' }]);
  if (query.assignee === 'none') return null;
  return query.assignee === 'me' ? actor.id : query.assignee;
}

function listVisibility(deps: ReportsDeps, actor: Actor | null): Promise<ListVisibility> | ListVisibility {
  const v = visibilityFor(actor);
  if (v.kind === 'all') return v;
  const base = { kind: 'scoped' as const, userId: v.userId, organisationId: v.organisationId };
  if (!v.territoryId) return { ...base, territoryIds: null };
  return territoryWithChildren(deps.db, v.territoryId).then((territoryIds) => ({ ...base, territoryIds }));
}

export async function listReports(
  deps: ReportsDeps,
  actor: Actor | null,
  query: ListReportsQuery,
): Promise<ReportList> {
  const queue = queueFilters(actor, query);
  const offset = (query.page - 1) * query.pageSize;
  if (!query.cursor && offset > MAX_OFFSET)
    throw new AppError('validation_failed', [{ path: 'page', message: 'vmeste:page_too_deep' }]);
  const category = query.category;
  const assigneeId = assigneeFilter(actor, query);
  const now = deps.clock.now();
  const territory = queue.territoryId ?? query.territory;
  // A topic and a territory become their ids first: the list query then filters plain columns.
  const [visibility, categoryIds, territoryIds] = await Promise.all([
    listVisibility(deps, actor),
    category ? categoryWithSubjects(deps.db, category) : undefined,
    territory ? territoryWithChildren(deps.db, territory) : undefined,
  ]);
  const filters: ListFilters = {
    bbox: query.bbox,
    statuses: query.queue === 'mine' ? query.status : (queue.statuses ?? query.status),
    categoryIds,
    territoryIds,
    organisationId: queue.organisationId ?? query.organisation,
    authorId: queue.authorId,
    q: query.q,
    masked: actor?.role === 'analyst',
    overdue: query.overdue ? { at: now, is: query.overdue === 'true' } : undefined,
    assigneeId,
  };
  // A text search is ranked best match first whatever the order asked; other orders page by their own key.
  const sort = query.q ? 'recent' : query.sort;
  if (sort !== 'recent') {
    const position = query.cursor ? { after: decodeSortedCursor(query.cursor, sort) } : { offset };
    const page = await listSortedPage(deps.db, visibility, filters, sort, position, query.pageSize);
    return {
      items: await summaries(deps, actor, query, page.rows, now),
      total: page.total,
      totalIsExact: page.totalIsExact,
      page: query.cursor ? 1 : query.page,
      pageSize: query.pageSize,
      nextCursor: page.next ? encodeSortedCursor(sort, page.next) : null,
    };
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const page = await listRepo.listReportPage(
    deps.db,
    visibility,
    filters,
    after ? { after } : { offset },
    query.pageSize,
  );
  return {
    items: await summaries(deps, actor, query, page.rows, now),
    total: page.total,
    totalIsExact: page.totalIsExact,
    page: after ? 1 : query.page,
    pageSize: query.pageSize,
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}

/**
 * The page's summaries; a work list (`queue`) adds the figures staff plan by: working days left
 * (the production calendar), the moderation deadline, support and priority.
 */
async function summaries(
  deps: ReportsDeps,
  actor: Actor | null,
  query: ListReportsQuery,
  rows: ReportRow[],
  now: Date,
): Promise<ReportSummary[]> {
  const plain = rows.map((r) => presentSummary(r, now, actor));
  if (!query.queue || !actor || actor.role === 'resident') return plain;
  const [calendar, supporters, moderationDue] = await Promise.all([
    (deps.calendar ?? uncachedCalendar).get(deps.db),
    supportCounts(
      deps.db,
      rows.map((r) => r.id),
    ),
    Promise.all(
      rows.map((r) => (r.status === 'submitted' ? moderationDeadline(deps.db, deps.calendar, r) : null)),
    ),
  ]);
  // The summaries were made just above for this page: completed in place, as a copy of each
  // (`{ ...summary, work }`) cost more than its figures.
  plain.forEach((summary, i) => {
    const row = rows[i] as ReportRow;
    const due = moderationDue[i] ?? null;
    const clockRuns = row.dueAt !== null && answerClockRuns(row.status, row.kind);
    summary.work = {
      workingDaysLeft: clockRuns && row.dueAt ? workingDaysLeft(calendar, row.dueAt, now) : null,
      moderationDueAt: due ? due.toISOString() : null,
      moderationOverdue: due !== null && due < now,
      supportCount: supporters.get(row.id) ?? 0,
      priority: row.priority,
    };
  });
  return plain;
}
