import { type SuggestionList, suggestionListSchema } from '@shared/classifier/classifier.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type SuggestionInput = { text: string; lat?: number; lon?: number };
export type CategorySuggestion = SuggestionList['items'][number];

/** Texts shorter than this give the model nothing to go on: no request is made. */
export const SUGGEST_MIN_CHARS = 3;

/** The classifier's top subjects for a report being written (an empty list when it has no model). */
export async function suggestCategories(
  input: SuggestionInput,
  signal?: AbortSignal,
): Promise<CategorySuggestion[]> {
  const { items } = await api('/api/v1/suggestions/categories', {
    method: 'POST',
    body: input,
    schema: suggestionListSchema,
    signal,
  });
  return items;
}

/**
 * One query per text (and point): when the text changes, the previous request is aborted through
 * its signal (TanStack Query cancels a query nobody observes any more). A failed request is not
 * retried and shows nothing: suggestions are a convenience, never an obstacle.
 */
export const categorySuggestionsQueryOptions = (input: SuggestionInput) =>
  queryOptions({
    queryKey: ['category-suggestions', input.text, input.lat ?? null, input.lon ?? null],
    queryFn: ({ signal }) => suggestCategories(input, signal),
    staleTime: 5 * 60_000,
    gcTime: 60_000,
    retry: false,
  });

export function useCategorySuggestions(input: SuggestionInput) {
  return useQuery({
    ...categorySuggestionsQueryOptions(input),
    enabled: input.text.trim().length >= SUGGEST_MIN_CHARS,
    // While the next answer is on its way the last suggestions stay, so the buttons do not flicker.
    placeholderData: keepPreviousData,
  });
}
