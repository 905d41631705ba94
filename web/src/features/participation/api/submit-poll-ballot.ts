import type { PollBallotBody } from '@shared/participation/participation.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const receiptSchema = z.object({ created: z.boolean(), updatedAt: z.string() });

/** Stores or replaces the caller's ballot. */
export async function submitPollBallot(input: { pollId: string; body: PollBallotBody }) {
  return api(`/api/v1/polls/${encodeURIComponent(input.pollId)}/ballot`, {
    method: 'PUT',
    body: input.body,
    schema: receiptSchema,
  });
}

export function useSubmitPollBallot(pollId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PollBallotBody) => submitPollBallot({ pollId, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['polls', pollId] }),
  });
}
