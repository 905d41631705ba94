import { CURATOR_OPEN_STATUSES, ORGANISATION_OPEN_STATUSES } from '../../db/schema/reports.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { presentSummary } from './report.presenter.ts';
import * as listRepo from './report-list.repo.ts';
import { type ListCursor, type ListFilters, type ListVisibility, MAX_OFFSET } from './report-list.repo.ts';
import type { ReportStatus } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import type * as repo from './reports.repo.ts';
import type { ListReportsQuery, ReportList } from './reports.schemas.ts';

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

function listVisibility(deps: ReportsDeps, actor: Actor | null): Promise<ListVisibility> | ListVisibility {
  const v = visibilityFor(actor);
  if (v.kind === 'all') return v;
  const base = { kind: 'scoped' as const, userId: v.userId, organisationId: v.organisationId };
  if (!v.territoryId) return { ...base, territoryIds: null };
  return listRepo.expandTerritory(deps.db, v.territoryId).then((territoryIds) => ({ ...base, territoryIds }));
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
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const category = query.category;
  const territory = queue.territoryId ?? query.territory;
  // A topic and a territory become their ids first: the list query then filters plain columns.
  const [visibility, categoryIds, territoryIds] = await Promise.all([
    listVisibility(deps, actor),
    category ? listRepo.expandCategory(deps.db, category) : undefined,
    territory ? listRepo.expandTerritory(deps.db, territory) : undefined,
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
  };
  const page = await listRepo.listReportPage(
    deps.db,
    visibility,
    filters,
    after ? { after } : { offset },
    query.pageSize,
  );
  const now = deps.clock.now();
  return {
    items: page.rows.map((r) => presentSummary(r, now, actor)),
    total: page.total,
    totalIsExact: page.totalIsExact,
    page: after ? 1 : query.page,
    pageSize: query.pageSize,
    nextCursor: page.next ? encodeCursor(page.next) : null,
  };
}
