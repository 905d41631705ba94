import { type League, type LeagueMetric, leagueSchema } from '@shared/analytics/analytics.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

export async function getLeague(metric: LeagueMetric, signal?: AbortSignal): Promise<League> {
  return api(`/api/v1/analytics/league${queryString({ metric })}`, { schema: leagueSchema, signal });
}

export const leagueQueryOptions = (metric: LeagueMetric) =>
  queryOptions({
    queryKey: ['analytics', 'league', metric],
    queryFn: ({ signal }) => getLeague(metric, signal),
    placeholderData: keepPreviousData,
  });

export function useLeague(metric: LeagueMetric) {
  return useQuery(leagueQueryOptions(metric));
}
