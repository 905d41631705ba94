import {
  type ObjectDetail,
  type objectBodySchema,
  objectDetailSchema,
} from '@shared/objects/objects.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { randomUuid } from '../../../lib/format';
import { objectQueryKey } from './get-object';

export type ObjectBody = z.input<typeof objectBodySchema>;

/**
 * Adds one object by hand. The API saves by registry key (`externalId`: an import's second run
 * updates instead of adding), so a hand-made object gets a key of its own that no registry uses —
 * it can never overwrite an imported object.
 */
export function useCreateObject() {
  const queryClient = useQueryClient();
  return useMutation({
    // Without a place the body goes as it is: the server lists it as missing along with the rest.
    mutationFn: (
      body: Omit<ObjectBody, 'externalId' | 'geometry'> & { geometry?: ObjectBody['geometry'] },
    ): Promise<ObjectDetail> =>
      api('/api/v1/objects', {
        method: 'POST',
        body: { ...body, externalId: `manual-${randomUuid()}` },
        schema: objectDetailSchema,
      }),
    onSuccess: async (object) => {
      queryClient.setQueryData(objectQueryKey(object.id), object);
      await queryClient.invalidateQueries({ queryKey: ['objects'] });
    },
  });
}
