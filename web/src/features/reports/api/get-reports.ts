import type { ReportSort, reportQueues } from '@shared/reports/reports.schemas.ts';
import { type ReportList, reportListSchema } from '@shared/reports/reports.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

export type ReportQueue = (typeof reportQueues)[number];

export type ReportsQuery = {
  bbox?: [number, number, number, number];
  status?: string[];
  category?: string;
  territory?: string;
  organisation?: string;
  q?: string;
  queue?: ReportQueue;
  sort?: ReportSort;
  overdue?: 'true' | 'false';
  assignee?: string;
  page?: number;
  pageSize?: number;
};

/** Words of two letters or more, or a report's number (which may be one digit). */
function searchText(q: string | undefined): string | undefined {
  const text = q?.trim();
  return text && (text.length >= 2 || /^\d+$/.test(text)) ? text : undefined;
}

export async function getReports(query: ReportsQuery, signal?: AbortSignal): Promise<ReportList> {
  const qs = queryString({
    bbox: query.bbox?.map((n) => n.toFixed(5)).join(','),
    status: query.status?.length ? query.status.join(',') : undefined,
    category: query.category,
    territory: query.territory,
    organisation: query.organisation,
    q: searchText(query.q),
    queue: query.queue,
    sort: query.sort && query.sort !== 'recent' ? query.sort : undefined,
    overdue: query.overdue,
    assignee: query.assignee,
    page: query.page,
    pageSize: query.pageSize,
  });
  return api(`/api/v1/reports${qs}`, { schema: reportListSchema, signal });
}

export const reportsQueryOptions = (query: ReportsQuery) =>
  queryOptions({
    queryKey: ['reports', query],
    queryFn: ({ signal }) => getReports(query, signal),
    placeholderData: keepPreviousData,
  });

export function useReports(query: ReportsQuery, enabled = true) {
  return useQuery({ ...reportsQueryOptions(query), enabled });
}
