import { type Dashboard, dashboardSchema } from '@shared/analytics/analytics.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

/** The filters every analytics view shares (the period is given whole or not at all). */
export type AnalyticsFilters = {
  from: string;
  to: string;
  territoryId?: string | undefined;
  categoryId?: string | undefined;
  organisationId?: string | undefined;
};

export const filterQuery = (f: AnalyticsFilters, extra: Record<string, string | undefined> = {}) =>
  queryString({
    from: f.from,
    to: f.to,
    territoryId: f.territoryId,
    categoryId: f.categoryId,
    organisationId: f.organisationId,
    ...extra,
  });

export async function getDashboard(f: AnalyticsFilters, signal?: AbortSignal): Promise<Dashboard> {
  return api(`/api/v1/analytics/dashboard${filterQuery(f)}`, { schema: dashboardSchema, signal });
}

export const dashboardQueryOptions = (f: AnalyticsFilters) =>
  queryOptions({
    queryKey: ['analytics', 'dashboard', f],
    queryFn: ({ signal }) => getDashboard(f, signal),
    placeholderData: keepPreviousData,
  });

export function useDashboard(f: AnalyticsFilters) {
  return useQuery(dashboardQueryOptions(f));
}

/** The address of a table's CSV or XLSX export (the server streams it). */
export function exportUrl(
  table: 'summary' | 'months' | 'weeks' | 'league' | 'reports',
  format: 'csv' | 'xlsx',
  f: AnalyticsFilters,
  extra: Record<string, string | undefined> = {},
): string {
  return `/api/v1/analytics/export${filterQuery(f, { table, format, ...extra })}`;
}
