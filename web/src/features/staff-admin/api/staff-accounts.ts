import {
  type StaffAccount,
  type StaffListQuery,
  staffAccountSchema,
  staffListSchema,
  staffOptionsSchema,
  type UpdateStaff,
} from '@shared/staff-admin/staff-admin.schemas.ts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

export const staffQueryKey = ['admin', 'staff'] as const;

export type StaffFilters = Partial<
  Pick<StaffListQuery, 'role' | 'organisationId' | 'suspended' | 'q' | 'page'>
>;

export const staffListQueryOptions = (filters: StaffFilters) =>
  queryOptions({
    queryKey: [...staffQueryKey, 'list', filters],
    queryFn: ({ signal }) =>
      api(`/api/v1/admin/staff${queryString({ ...filters, pageSize: 20 })}`, {
        schema: staffListSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

/** Staff accounts the signed-in admin (or curator: their operators) manages, filtered. */
export function useStaffList(filters: StaffFilters) {
  return useQuery(staffListQueryOptions(filters));
}

/** The roles, organisations and territories the signed-in manager may give. */
export function useStaffOptions() {
  return useQuery({
    queryKey: [...staffQueryKey, 'options'],
    queryFn: ({ signal }) => api('/api/v1/admin/staff/options', { schema: staffOptionsSchema, signal }),
    staleTime: 60_000,
  });
}

function useStaffMutation<A>(fn: (arg: A) => Promise<StaffAccount>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}

export function useUpdateStaff() {
  return useStaffMutation(({ id, body }: { id: string; body: UpdateStaff }) =>
    api(`/api/v1/admin/staff/${id}`, { method: 'PATCH', body, schema: staffAccountSchema }),
  );
}

export function useSuspendStaff() {
  return useStaffMutation(({ id, suspend }: { id: string; suspend: boolean }) =>
    api(`/api/v1/admin/staff/${id}/${suspend ? 'suspend' : 'reactivate'}`, {
      method: 'POST',
      schema: staffAccountSchema,
    }),
  );
}
