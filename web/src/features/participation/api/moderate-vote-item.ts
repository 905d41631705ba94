import { type ModerationBody, voteItemSchema } from '@shared/participation/votes.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { voteQueryKey } from './get-vote';

export async function moderateVoteItem(input: { voteId: string; itemId: string; body: ModerationBody }) {
  const path = `/api/v1/votes/${encodeURIComponent(input.voteId)}/items/${encodeURIComponent(input.itemId)}/actions/moderate`;
  return api(path, { method: 'POST', body: input.body, schema: voteItemSchema });
}

export function useModerateVoteItem(voteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { itemId: string; body: ModerationBody }) => moderateVoteItem({ voteId, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voteQueryKey(voteId) }),
  });
}
