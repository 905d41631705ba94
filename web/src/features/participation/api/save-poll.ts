import { type PollBodyInput, pollSchema } from '@shared/participation/participation.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { pollsQueryKey } from './get-polls';

/** Creates a draft, or replaces an existing poll's settings and questions. */
export async function savePoll(input: { id?: string; body: PollBodyInput }) {
  return input.id
    ? api(`/api/v1/polls/${encodeURIComponent(input.id)}`, {
        method: 'PUT',
        body: input.body,
        schema: pollSchema,
      })
    : api('/api/v1/polls', { method: 'POST', body: input.body, schema: pollSchema });
}

export function useSavePoll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePoll,
    onSuccess: (poll) => {
      queryClient.setQueryData(['polls', poll.id], poll);
      return queryClient.invalidateQueries({ queryKey: pollsQueryKey });
    },
  });
}
