import { type Organisation, organisationListSchema } from '@shared/reference/reference.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getOrganisations(): Promise<Organisation[]> {
  const { items } = await api('/api/v1/organisations', { schema: organisationListSchema });
  return items;
}

export const organisationsQueryOptions = () =>
  queryOptions({ queryKey: ['organisations'], queryFn: getOrganisations, staleTime: 60 * 60_000 });

export function useOrganisations(enabled = true) {
  return useQuery({ ...organisationsQueryOptions(), enabled });
}
