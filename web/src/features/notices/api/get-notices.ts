import { type NoticeCollection, noticeCollectionSchema } from '@shared/notices/notices.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type NoticesQuery = {
  bbox?: [number, number, number, number] | undefined;
  at?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
};

export async function getNotices(q: NoticesQuery, signal?: AbortSignal): Promise<NoticeCollection> {
  const p = new URLSearchParams();
  if (q.bbox) p.set('bbox', q.bbox.map((n) => n.toFixed(5)).join(','));
  if (q.at) p.set('at', q.at);
  if (q.to) p.set('to', q.to);
  if (q.kind) p.set('kind', q.kind);
  return api(`/api/v1/notices?${p}`, { schema: noticeCollectionSchema, signal });
}

/** Notices in force (now, or during a window) within the map's view. */
export function useNotices(q: NoticesQuery, enabled = true) {
  return useQuery({
    queryKey: ['notices', q],
    queryFn: ({ signal }) => getNotices(q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
