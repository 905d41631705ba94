import { voteSchema, type WinnersBody } from '@shared/participation/votes.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { voteQueryKey } from './get-vote';

export async function publishWinners(input: { voteId: string; body: WinnersBody }) {
  return api(`/api/v1/votes/${encodeURIComponent(input.voteId)}/actions/publish-winners`, {
    method: 'POST',
    body: input.body,
    schema: voteSchema,
  });
}

export function usePublishWinners(voteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WinnersBody) => publishWinners({ voteId, body }),
    onSuccess: (vote) => queryClient.setQueryData(voteQueryKey(voteId), vote),
  });
}
