import { type ObjectDetail, objectDetailSchema } from '@shared/objects/objects.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const objectQueryKey = (id: string) => ['object', id] as const;

export async function getObject(id: string, signal?: AbortSignal): Promise<ObjectDetail> {
  return api(`/api/v1/objects/${encodeURIComponent(id)}`, { schema: objectDetailSchema, signal });
}

export function useObject(id: string, enabled = true) {
  return useQuery({
    queryKey: objectQueryKey(id),
    queryFn: ({ signal }) => getObject(id, signal),
    enabled,
  });
}
