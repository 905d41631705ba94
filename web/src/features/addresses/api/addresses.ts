import {
  type AddressSearchResult,
  addressSearchResultSchema,
  type ReverseResult,
  reverseResultSchema,
} from '@shared/addresses/addresses.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';

export type AddressHit = AddressSearchResult['items'][number];

/** Suggestions for what was typed (two characters at least), kept while the next ones load. */
export function useAddressSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['addresses', 'search', query],
    queryFn: ({ signal }) =>
      api(`/api/v1/addresses/search?${new URLSearchParams({ q: query, limit: '8' })}`, {
        schema: addressSearchResultSchema,
        signal,
      }),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** The nearest address to a point, or null when none is near (the server says 404). */
export async function reverseAddress(point: { lat: number; lon: number }): Promise<ReverseResult | null> {
  try {
    return await api(`/api/v1/addresses/reverse?lat=${point.lat}&lon=${point.lon}`, {
      schema: reverseResultSchema,
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
