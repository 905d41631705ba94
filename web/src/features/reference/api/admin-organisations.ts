import {
  type AdminOrganisation,
  adminOrganisationListSchema,
  adminOrganisationSchema,
  type CreateOrganisation,
  type UpdateOrganisation,
} from '@shared/reference/organisations-admin.schemas.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const key = ['admin', 'organisations'] as const;

/** Every organisation, archived ones too, with hours, what they serve and what refers to them (admin). */
export function useAdminOrganisations() {
  return useQuery(
    queryOptions({
      queryKey: key,
      queryFn: ({ signal }) =>
        api('/api/v1/admin/organisations', { schema: adminOrganisationListSchema, signal }),
      staleTime: 0,
    }),
  );
}

function useOrganisationMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key });
      // The public directory and the organisation lists change too.
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
      await queryClient.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}

export function useCreateOrganisation() {
  return useOrganisationMutation(
    (body: CreateOrganisation): Promise<AdminOrganisation> =>
      api('/api/v1/admin/organisations', { method: 'POST', body, schema: adminOrganisationSchema }),
  );
}

export function useUpdateOrganisation() {
  return useOrganisationMutation(
    ({ id, body }: { id: string; body: UpdateOrganisation }): Promise<AdminOrganisation> =>
      api(`/api/v1/admin/organisations/${id}`, { method: 'PATCH', body, schema: adminOrganisationSchema }),
  );
}

export function useDeleteOrganisation() {
  return useOrganisationMutation(async (id: string) => {
    await api(`/api/v1/admin/organisations/${id}`, { method: 'DELETE' });
  });
}
