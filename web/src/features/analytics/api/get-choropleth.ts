import { type choroplethMetrics, choroplethSchema } from '@shared/analytics/analytics.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { type AnalyticsFilters, filterQuery } from './get-dashboard';

export type ChoroplethMetric = (typeof choroplethMetrics)[number];
export type Choropleth = z.infer<typeof choroplethSchema>;

export async function getChoropleth(f: AnalyticsFilters, metric: ChoroplethMetric, signal?: AbortSignal) {
  return api(`/api/v1/analytics/choropleth${filterQuery(f, { metric })}`, {
    schema: choroplethSchema,
    signal,
  });
}

export function useChoropleth(f: AnalyticsFilters, metric: ChoroplethMetric) {
  return useQuery(
    queryOptions({
      queryKey: ['analytics', 'choropleth', f, metric],
      queryFn: ({ signal }) => getChoropleth(f, metric, signal),
      placeholderData: keepPreviousData,
    }),
  );
}
