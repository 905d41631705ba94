import {
  type ObjectDetail,
  objectDetailSchema,
  type workBodySchema,
} from '@shared/objects/objects.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { objectQueryKey } from './get-object';

export type WorkBody = z.input<typeof workBodySchema>;

type Action =
  | { type: 'rate'; workId: string; score: number }
  | { type: 'follow'; on: boolean }
  | { type: 'add-work'; body: WorkBody }
  | { type: 'change-work'; workId: string; body: WorkBody }
  | { type: 'photo'; workId: string; mediaId: string; stage: 'before' | 'after' };

function request(id: string, a: Action): Promise<ObjectDetail> {
  const base = `/api/v1/objects/${encodeURIComponent(id)}`;
  const schema = objectDetailSchema;
  switch (a.type) {
    case 'rate':
      return api(`${base}/works/${a.workId}/rating`, { method: 'POST', body: { score: a.score }, schema });
    case 'follow':
      return api(`${base}/follow`, { method: a.on ? 'PUT' : 'DELETE', schema });
    case 'add-work':
      return api(`${base}/works`, { method: 'POST', body: a.body, schema });
    case 'change-work':
      return api(`${base}/works/${a.workId}`, { method: 'PUT', body: a.body, schema });
    case 'photo':
      return api(`${base}/works/${a.workId}/photos`, {
        method: 'POST',
        body: { mediaId: a.mediaId, stage: a.stage },
        schema,
      });
  }
}

/** Everything done on an object's page; the answer is the updated page. */
export function useObjectAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Action) => request(id, a),
    onSuccess: async (object) => {
      queryClient.setQueryData(objectQueryKey(id), object);
      await queryClient.invalidateQueries({ queryKey: ['objects'] });
    },
  });
}
