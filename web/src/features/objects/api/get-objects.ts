import { type ObjectCollection, objectCollectionSchema } from '@shared/objects/objects.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getObjects(
  bbox: [number, number, number, number],
  signal?: AbortSignal,
): Promise<ObjectCollection> {
  return api(`/api/v1/objects?bbox=${bbox.map((n) => n.toFixed(5)).join(',')}`, {
    schema: objectCollectionSchema,
    signal,
  });
}

/** City objects in the map's view. */
export function useObjects(bbox: [number, number, number, number] | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['objects', bbox],
    queryFn: ({ signal }) => getObjects(bbox!, signal),
    enabled: enabled && bbox !== undefined,
    placeholderData: keepPreviousData,
  });
}
