import { type Territory, territoryListSchema } from '@shared/reference/reference.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getTerritories(geometry: boolean): Promise<Territory[]> {
  const { items } = await api(`/api/v1/territories${geometry ? '?geometry=true' : ''}`, {
    schema: territoryListSchema,
  });
  return items;
}

export const territoriesQueryOptions = (geometry = false) =>
  queryOptions({
    queryKey: ['territories', { geometry }],
    queryFn: () => getTerritories(geometry),
    staleTime: 60 * 60_000,
  });

export function useTerritories(geometry = false) {
  return useQuery(territoriesQueryOptions(geometry));
}

export function districtsOf(items: Territory[]): Territory[] {
  return items.filter((t) => t.kind !== 'region');
}
