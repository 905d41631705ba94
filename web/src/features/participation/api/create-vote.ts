import type { voteBodySchema } from '@shared/participation/votes.schemas.ts';
import { voteSchema } from '@shared/participation/votes.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { votesQueryKey } from './get-votes';

export type VoteBodyInput = z.input<typeof voteBodySchema>;

export async function createVote(body: VoteBodyInput) {
  return api('/api/v1/votes', { method: 'POST', body, schema: voteSchema });
}

export function useCreateVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createVote,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: votesQueryKey }),
  });
}
