import { type SimilarReport, similarListSchema } from '@shared/duplicates/duplicates.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type SimilarInput = { categoryId: string; lat?: number; lon?: number; text: string };

/** Open reports of the subject nearby whose text looks like the one being written. */
export async function getSimilarReports(input: Required<SimilarInput>, signal?: AbortSignal) {
  const query = new URLSearchParams({
    categoryId: input.categoryId,
    lat: String(input.lat),
    lon: String(input.lon),
    text: input.text,
  });
  const { items } = await api(`/api/v1/reports/similar?${query.toString()}`, {
    schema: similarListSchema,
    signal,
  });
  return items;
}

const ready = (i: SimilarInput): i is Required<SimilarInput> =>
  i.categoryId !== '' && Number.isFinite(i.lat) && Number.isFinite(i.lon);

export const similarReportsQueryOptions = (input: SimilarInput) =>
  queryOptions({
    queryKey: ['similar-reports', input.categoryId, input.lat ?? null, input.lon ?? null, input.text],
    queryFn: ({ signal }) => getSimilarReports(input as Required<SimilarInput>, signal),
    staleTime: 60_000,
    retry: false,
  });

/**
 * Asked once the subject and the point are chosen (the text refines the list). A failure shows
 * nothing: the hint helps, it must never stand in the way of filing.
 */
export function useSimilarReports(input: SimilarInput) {
  return useQuery({
    ...similarReportsQueryOptions(input),
    enabled: ready(input),
    placeholderData: keepPreviousData,
  });
}

export type { SimilarReport };
