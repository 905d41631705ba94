import {
  type OrganisationPage,
  organisationPageSchema,
  type ProfileInput,
} from '@shared/directory/directory.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useSaveProfile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileInput): Promise<OrganisationPage> =>
      api(`/api/v1/organisations/${encodeURIComponent(id)}/profile`, {
        method: 'PUT',
        body,
        schema: organisationPageSchema,
      }),
    onSuccess: (page) => {
      queryClient.setQueryData(['organisation-page', id], page);
      void queryClient.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}
