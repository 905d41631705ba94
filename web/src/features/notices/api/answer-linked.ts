import { type answerLinkedBodySchema, answerLinkedResultSchema } from '@shared/notices/notices.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { noticeQueryKey } from './get-notice';

/** After the notice ended: one answer for every report it explains (each goes to the answer review). */
export function useAnswerLinked(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof answerLinkedBodySchema>) =>
      api(`/api/v1/notices/${encodeURIComponent(id)}/answer-linked`, {
        method: 'POST',
        body,
        schema: answerLinkedResultSchema,
      }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: noticeQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
      ]);
    },
  });
}
