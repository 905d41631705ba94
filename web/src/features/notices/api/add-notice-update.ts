import { noticeDetailSchema } from '@shared/notices/notices.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { noticeQueryKey } from './get-notice';

/** A news line on a running notice (subscribers hear it as a change). */
export function useAddNoticeUpdate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api(`/api/v1/notices/${encodeURIComponent(id)}/updates`, {
        method: 'POST',
        body: { text },
        schema: noticeDetailSchema,
      }),
    onSuccess: (notice) => queryClient.setQueryData(noticeQueryKey(id), notice),
  });
}
