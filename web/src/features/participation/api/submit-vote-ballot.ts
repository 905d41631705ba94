import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { voteQueryKey } from './get-vote';

const receiptSchema = z.object({ created: z.boolean(), itemIds: z.array(z.string()) });

/** Stores or replaces the caller's choice of items. */
export async function submitVoteBallot(input: { voteId: string; itemIds: string[] }) {
  return api(`/api/v1/votes/${encodeURIComponent(input.voteId)}/ballot`, {
    method: 'PUT',
    body: { itemIds: input.itemIds },
    schema: receiptSchema,
  });
}

export function useSubmitVoteBallot(voteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemIds: string[]) => submitVoteBallot({ voteId, itemIds }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voteQueryKey(voteId) }),
  });
}
