import { organisationListSchema } from '@shared/reference/reference.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useOrganisations() {
  return useQuery(
    queryOptions({
      queryKey: ['organisations'],
      queryFn: async () => (await api('/api/v1/organisations', { schema: organisationListSchema })).items,
      staleTime: 60 * 60_000,
    }),
  );
}
