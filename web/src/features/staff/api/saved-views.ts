import {
  type SavedView,
  type SavedViewQuery,
  savedViewListSchema,
  savedViewSchema,
} from '@shared/workspace/workspace.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const key = ['workspace', 'views'] as const;
const base = '/api/v1/workspace/views';

/** The signed-in staff member's saved work-list views. */
export function useSavedViews(enabled = true) {
  return useQuery({
    queryKey: key,
    queryFn: async () => (await api(base, { schema: savedViewListSchema })).items,
    enabled,
  });
}

function useViewMutation<T>(run: (input: T) => Promise<SavedView | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateView = () =>
  useViewMutation((input: { name: string; query: SavedViewQuery }) =>
    api(base, { method: 'POST', body: input, schema: savedViewSchema }),
  );

export const useRenameView = () =>
  useViewMutation(({ id, name }: { id: string; name: string }) =>
    api(`${base}/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name }, schema: savedViewSchema }),
  );

export const useDeleteView = () =>
  useViewMutation(async (id: string) => {
    await api(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' });
    return undefined;
  });
