import { type Category, categoryListSchema } from '@shared/reference/reference.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getCategories(): Promise<Category[]> {
  const { items } = await api('/api/v1/categories', { schema: categoryListSchema });
  return items;
}

export const categoriesQueryOptions = () =>
  queryOptions({ queryKey: ['categories'], queryFn: getCategories, staleTime: 60 * 60_000 });

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}

export type CategoryGroup = { topic: Category; subjects: Category[] };

/** Topics (parentId null) with their subjects, both in the order the server gave. */
export function groupCategories(items: Category[]): CategoryGroup[] {
  const topics = items.filter((c) => c.parentId === null);
  return topics
    .map((topic) => ({ topic, subjects: items.filter((c) => c.parentId === topic.id) }))
    .filter((g) => g.subjects.length > 0);
}
