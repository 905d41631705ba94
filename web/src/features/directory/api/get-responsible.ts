import { responsibleSchema } from '@shared/directory/directory.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Point = { lat: number; lon: number };

/** For every category, the organisation the routing rules name at this point. */
export function useResponsible(point: Point | null) {
  return useQuery({
    queryKey: ['responsible', point?.lat ?? null, point?.lon ?? null],
    queryFn: ({ signal }) =>
      api(`/api/v1/responsible?lat=${point?.lat}&lon=${point?.lon}`, { schema: responsibleSchema, signal }),
    enabled: point !== null,
    retry: false,
  });
}
