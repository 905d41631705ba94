import { organisationPageSchema } from '@shared/directory/directory.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useOrganisationPage(id: string | undefined) {
  return useQuery({
    queryKey: ['organisation-page', id],
    queryFn: ({ signal }) =>
      api(`/api/v1/organisations/${encodeURIComponent(id ?? '')}`, {
        schema: organisationPageSchema,
        signal,
      }),
    enabled: Boolean(id),
  });
}
