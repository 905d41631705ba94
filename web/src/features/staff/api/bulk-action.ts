import { type BulkResult, bulkResultSchema } from '@shared/workspace/workspace.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type BulkRequest =
  | { action: 'accept'; reportIds: string[] }
  | { action: 'start'; reportIds: string[] }
  | { action: 'assign'; reportIds: string[]; body: { organisationId: string } };

/** One action over the selected reports; the answer says, report by report, what happened. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest): Promise<BulkResult> =>
      api('/api/v1/reports/bulk-actions', { method: 'POST', body: request, schema: bulkResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}
