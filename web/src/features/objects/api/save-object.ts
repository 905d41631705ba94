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

/** The form's fields; without a place the body goes as it is, and the server lists it as missing. */
export type ObjectFields = Omit<ObjectBody, 'externalId' | 'geometry'> & {
  geometry?: ObjectBody['geometry'];
};

/**
 * Adds one object by hand, or changes one (`externalId` given: the object's own). The API saves by
 * registry key (an import's second run updates instead of adding), so a new hand-made object gets a
 * key no registry uses — it can never overwrite an imported object.
 */
export function useSaveObject(externalId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectFields): Promise<ObjectDetail> =>
      api('/api/v1/objects', {
        method: 'POST',
        body: { ...body, externalId: externalId ?? `manual-${randomUuid()}` },
        schema: objectDetailSchema,
      }),
    onSuccess: async (object) => {
      queryClient.setQueryData(objectQueryKey(object.id), object);
      await queryClient.invalidateQueries({ queryKey: ['objects'] });
    },
  });
}
