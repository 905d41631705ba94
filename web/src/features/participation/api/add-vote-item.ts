import { type itemBodySchema, voteItemSchema } from '@shared/participation/votes.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { voteQueryKey } from './get-vote';

export type ItemBodyInput = z.input<typeof itemBodySchema>;

/** A resident's proposal (moderated) or a staff item (approved at once). */
export async function addVoteItem(input: { voteId: string; body: ItemBodyInput }) {
  return api(`/api/v1/votes/${encodeURIComponent(input.voteId)}/items`, {
    method: 'POST',
    body: input.body,
    schema: voteItemSchema,
  });
}

export function useAddVoteItem(voteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ItemBodyInput) => addVoteItem({ voteId, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voteQueryKey(voteId) }),
  });
}
