import { alertsSchema, cellReportsSchema, matrixSchema } from '@shared/analytics/analytics.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';
import { type AnalyticsFilters, filterQuery } from './get-dashboard';

/** Systemic problems, spike alerts and the reports behind a cell: analysts, curators and admins. */
export function useMatrix(f: AnalyticsFilters, enabled: boolean) {
  return useQuery({
    ...queryOptions({
      queryKey: ['analytics', 'matrix', f],
      queryFn: ({ signal }) =>
        api(
          `/api/v1/analytics/matrix${queryString({ from: f.from, to: f.to, territoryId: f.territoryId, categoryId: f.categoryId, limit: '30' })}`,
          {
            schema: matrixSchema,
            signal,
          },
        ),
    }),
    enabled,
  });
}

export function useAlerts(enabled: boolean) {
  return useQuery({
    ...queryOptions({
      queryKey: ['analytics', 'alerts'],
      queryFn: ({ signal }) => api('/api/v1/analytics/alerts', { schema: alertsSchema, signal }),
    }),
    enabled,
  });
}

export function useCellReports(
  cell: { from: string; to: string; categoryId: string; territoryId: string } | null,
) {
  return useQuery({
    ...queryOptions({
      queryKey: ['analytics', 'cell', cell],
      queryFn: ({ signal }) =>
        api(`/api/v1/analytics/matrix/reports${filterQuery(cell as AnalyticsFilters)}`, {
          schema: cellReportsSchema,
          signal,
        }),
    }),
    enabled: cell !== null,
  });
}
