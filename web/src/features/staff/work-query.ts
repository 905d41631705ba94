import { reportStatuses } from '@shared/reports/report-states.ts';
import { type ReportSort, reportSorts } from '@shared/reports/reports.schemas.ts';
import type { SavedViewQuery } from '@shared/workspace/workspace.schemas.ts';
import type { ReportQueue, ReportsQuery } from '../reports/api/get-reports';

/**
 * A work list's state lives in the address (so a view can be bookmarked and the back button works):
 * the queue, the order and the filters. A saved view is the same state under a name.
 */
export type WorkQuery = {
  queue: ReportQueue | undefined;
  sort: ReportSort;
  status: string;
  category: string;
  territory: string;
  organisation: string;
  overdue: '' | 'true' | 'false';
  assignee: string;
  /** Words of the text or a report's number; a search lists the best matches first. Not saved in views. */
  q: string;
};

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export function readWorkQuery(params: URLSearchParams, queues: ReportQueue[]): WorkQuery {
  return {
    queue: oneOf(params.get('queue'), queues) ?? queues[0],
    sort: oneOf(params.get('sort'), reportSorts) ?? 'recent',
    status: oneOf(params.get('status'), reportStatuses) ?? '',
    category: params.get('category') ?? '',
    territory: params.get('territory') ?? '',
    organisation: params.get('organisation') ?? '',
    overdue: oneOf(params.get('overdue'), ['true', 'false'] as const) ?? '',
    assignee: params.get('assignee') ?? '',
    q: (params.get('q') ?? '').trim(),
  };
}

/** The API query of a work list page. */
export function reportsQueryOf(q: WorkQuery, page: number): ReportsQuery {
  return {
    queue: q.queue,
    sort: q.sort,
    ...(q.status ? { status: [q.status] } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.territory ? { territory: q.territory } : {}),
    ...(q.organisation ? { organisation: q.organisation } : {}),
    ...(q.overdue ? { overdue: q.overdue } : {}),
    ...(q.assignee ? { assignee: q.assignee } : {}),
    ...(q.q ? { q: q.q } : {}),
    page,
    pageSize: 20,
  };
}

/** What a saved view keeps of the state (no page). */
export function savedQueryOf(q: WorkQuery): SavedViewQuery {
  const out: SavedViewQuery = {};
  if (q.queue) out.queue = q.queue;
  if (q.sort !== 'recent') out.sort = q.sort;
  if (q.status) out.status = [q.status] as SavedViewQuery['status'];
  if (q.category) out.category = q.category;
  if (q.territory) out.territory = q.territory;
  if (q.organisation) out.organisation = q.organisation;
  if (q.overdue) out.overdue = q.overdue;
  if (q.assignee) out.assignee = q.assignee as SavedViewQuery['assignee'];
  return out;
}

/** The address parameters of a state (or of a saved view's query). */
export function paramsOf(q: SavedViewQuery | WorkQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(q)) {
    const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
    if (text && !(key === 'sort' && text === 'recent')) out[key] = text;
  }
  return out;
}

/** Whether the current state is exactly a saved view's query (its tab is then the current one). */
export function sameQuery(a: SavedViewQuery, b: SavedViewQuery): boolean {
  const pa = paramsOf(a);
  const pb = paramsOf(b);
  const keys = new Set([...Object.keys(pa), ...Object.keys(pb)]);
  return [...keys].every((k) => pa[k] === pb[k]);
}
