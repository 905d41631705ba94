import {
  type createNoticeBodySchema,
  type NoticeDetail,
  noticeDetailSchema,
  type updateNoticeBodySchema,
} from '@shared/notices/notices.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { noticeQueryKey } from './get-notice';

export type NoticeBody = z.input<typeof createNoticeBodySchema>;
export type NoticeChanges = z.input<typeof updateNoticeBodySchema>;

/** Publishes a new notice, or changes one (`id` given). */
export function useSaveNotice(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NoticeBody | NoticeChanges): Promise<NoticeDetail> =>
      api(id ? `/api/v1/notices/${encodeURIComponent(id)}` : '/api/v1/notices', {
        method: id ? 'PATCH' : 'POST',
        body,
        schema: noticeDetailSchema,
      }),
    onSuccess: async (notice) => {
      queryClient.setQueryData(noticeQueryKey(notice.id), notice);
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
    },
  });
}
