import { objectsImportResultSchema } from '@shared/objects/objects.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Imports a registry file with its mapping (admin); idempotent by the source's ids. */
export function useImportObjects() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mapping: Record<string, unknown>; content: string }) =>
      api('/api/v1/objects/import', { method: 'POST', body, schema: objectsImportResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['objects'] }),
  });
}
