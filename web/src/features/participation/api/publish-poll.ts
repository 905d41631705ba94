import { pollSchema } from '@shared/participation/participation.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { pollsQueryKey } from './get-polls';

export async function publishPoll(id: string) {
  return api(`/api/v1/polls/${encodeURIComponent(id)}/actions/publish`, {
    method: 'POST',
    schema: pollSchema,
  });
}

export function usePublishPoll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishPoll,
    onSuccess: (poll) => {
      queryClient.setQueryData(['polls', poll.id], poll);
      return queryClient.invalidateQueries({ queryKey: pollsQueryKey });
    },
  });
}
