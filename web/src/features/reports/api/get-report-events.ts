import { type ReportEvent, reportEventListSchema } from '@shared/reports/reports.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getReportEvents(id: string, signal?: AbortSignal): Promise<ReportEvent[]> {
  const { items } = await api(`/api/v1/reports/${encodeURIComponent(id)}/events`, {
    schema: reportEventListSchema,
    signal,
  });
  return items;
}

export const reportEventsQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['report', id, 'events'], queryFn: ({ signal }) => getReportEvents(id, signal) });

export function useReportEvents(id: string) {
  return useQuery(reportEventsQueryOptions(id));
}
