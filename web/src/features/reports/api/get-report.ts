import { type ReportDetail, reportDetailSchema } from '@shared/reports/reports.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getReport(id: string, signal?: AbortSignal): Promise<ReportDetail> {
  return api(`/api/v1/reports/${encodeURIComponent(id)}`, { schema: reportDetailSchema, signal });
}

export const reportQueryKey = (id: string) => ['report', id] as const;

export const reportQueryOptions = (id: string) =>
  queryOptions({ queryKey: reportQueryKey(id), queryFn: ({ signal }) => getReport(id, signal) });

export function useReport(id: string) {
  return useQuery(reportQueryOptions(id));
}
