import {
  type AdminCategory,
  adminCategoryListSchema,
  adminCategorySchema,
  type CreateCategory,
  type UpdateCategory,
} from '@shared/reference/categories-admin.schemas.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const adminCategoriesQueryKey = ['admin', 'categories'] as const;

export const adminCategoriesQueryOptions = () =>
  queryOptions({
    queryKey: adminCategoriesQueryKey,
    queryFn: ({ signal }) => api('/api/v1/admin/categories', { schema: adminCategoryListSchema, signal }),
    staleTime: 0,
  });

/** Every category, archived ones too, with report counts (admin). */
export function useAdminCategories() {
  return useQuery(adminCategoriesQueryOptions());
}

function useCategoryMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      // The public tree (the report form's) changes too.
      await queryClient.invalidateQueries({ queryKey: adminCategoriesQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
}

export function useCreateCategory() {
  return useCategoryMutation(
    (body: CreateCategory): Promise<AdminCategory> =>
      api('/api/v1/admin/categories', { method: 'POST', body, schema: adminCategorySchema }),
  );
}

export function useUpdateCategory() {
  return useCategoryMutation(
    ({ id, body }: { id: string; body: UpdateCategory }): Promise<AdminCategory> =>
      api(`/api/v1/admin/categories/${id}`, { method: 'PATCH', body, schema: adminCategorySchema }),
  );
}

export function useDeleteCategory() {
  return useCategoryMutation(async (id: string) => {
    await api(`/api/v1/admin/categories/${id}`, { method: 'DELETE' });
  });
}
