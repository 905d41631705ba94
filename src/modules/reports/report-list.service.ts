import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { presentSummary } from './report.presenter.ts';
import type { ReportsDeps } from './reports.deps.ts';
import * as repo from './reports.repo.ts';
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
function queueFilters(actor: Actor | null, query: ListReportsQuery): Partial<repo.ListFilters> {
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
      return { statuses: ['accepted', 'disputed'], ...curatorScope(actor) };
    case 'organisation':
      if (role !== 'operator' || !actor.organisationId) deny();
      return {
        organisationId: actor.organisationId ?? undefined,
        statuses: ['assigned', 'reopened', 'in_progress', 'answer_drafted', 'answer_review'],
      };
  }
}

function curatorScope(actor: Actor): Partial<repo.ListFilters> {
  return actor.role === 'curator' ? { territoryId: actor.territoryId ?? undefined } : {};
}

export async function listReports(
  deps: ReportsDeps,
  actor: Actor | null,
  query: ListReportsQuery,
): Promise<ReportList> {
  const queue = queueFilters(actor, query);
  const filters: repo.ListFilters = {
    bbox: query.bbox,
    statuses: queue.statuses ?? query.status,
    categoryId: query.category,
    territoryId: queue.territoryId ?? query.territory,
    organisationId: queue.organisationId ?? query.organisation,
    authorId: queue.authorId,
    q: query.q,
    masked: actor?.role === 'analyst',
  };
  if (query.queue === 'mine') filters.statuses = query.status;
  const { rows, total } = await repo.listReports(
    deps.db,
    visibilityFor(actor),
    filters,
    query.page,
    query.pageSize,
  );
  const now = deps.clock.now();
  return {
    items: rows.map((r) => presentSummary(r, now, actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
