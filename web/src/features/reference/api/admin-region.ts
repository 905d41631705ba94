import {
  type RegionSettings,
  regionSettingsSchema,
  type UpdateRegionSettings,
} from '@shared/reference/region-settings.schemas.ts';
import {
  type AdminTerritory,
  adminTerritoryListSchema,
  adminTerritorySchema,
  type CreateTerritory,
  type UpdateTerritory,
} from '@shared/reference/territories-admin.schemas.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const territoriesKey = ['admin', 'territories'] as const;
const settingsKey = ['admin', 'region-settings'] as const;

/** Every territory, archived ones too, with what refers to each (admin). */
export function useAdminTerritories() {
  return useQuery(
    queryOptions({
      queryKey: territoriesKey,
      queryFn: ({ signal }) => api('/api/v1/admin/territories', { schema: adminTerritoryListSchema, signal }),
      staleTime: 0,
    }),
  );
}

function useRegionMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      // The public territories (map boundaries, filters) and configuration change too.
      await queryClient.invalidateQueries({ queryKey: territoriesKey });
      await queryClient.invalidateQueries({ queryKey: settingsKey });
      await queryClient.invalidateQueries({ queryKey: ['territories'] });
      await queryClient.invalidateQueries({ queryKey: ['config'] });
    },
  });
}

export function useCreateTerritory() {
  return useRegionMutation(
    (body: CreateTerritory): Promise<AdminTerritory> =>
      api('/api/v1/admin/territories', { method: 'POST', body, schema: adminTerritorySchema }),
  );
}

export function useUpdateTerritory() {
  return useRegionMutation(
    ({ id, body }: { id: string; body: UpdateTerritory }): Promise<AdminTerritory> =>
      api(`/api/v1/admin/territories/${id}`, { method: 'PATCH', body, schema: adminTerritorySchema }),
  );
}

export function useDeleteTerritory() {
  return useRegionMutation(async (id: string) => {
    await api(`/api/v1/admin/territories/${id}`, { method: 'DELETE' });
  });
}

export function useRegionSettings() {
  return useQuery(
    queryOptions({
      queryKey: settingsKey,
      queryFn: ({ signal }) => api('/api/v1/admin/region-settings', { schema: regionSettingsSchema, signal }),
      staleTime: 0,
    }),
  );
}

export function useUpdateRegionSettings() {
  return useRegionMutation(
    (body: UpdateRegionSettings): Promise<RegionSettings> =>
      api('/api/v1/admin/region-settings', { method: 'PATCH', body, schema: regionSettingsSchema }),
  );
}
