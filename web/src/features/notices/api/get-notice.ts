import { type NoticeDetail, noticeDetailSchema } from '@shared/notices/notices.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const noticeQueryKey = (id: string) => ['notice', id] as const;

export async function getNotice(id: string, signal?: AbortSignal): Promise<NoticeDetail> {
  return api(`/api/v1/notices/${encodeURIComponent(id)}`, { schema: noticeDetailSchema, signal });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: noticeQueryKey(id ?? ''),
    queryFn: ({ signal }) => getNotice(id!, signal),
    enabled: Boolean(id),
  });
}
