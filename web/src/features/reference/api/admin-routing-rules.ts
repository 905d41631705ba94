import {
  type CreateRoutingRule,
  type RoutingRule,
  routingRuleListSchema,
  routingRuleSchema,
  routingTestResultSchema,
  type UpdateRoutingRule,
} from '@shared/routing/routing-rules.schemas.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const routingRulesQueryKey = ['admin', 'routing-rules'] as const;

export const routingRulesQueryOptions = () =>
  queryOptions({
    queryKey: routingRulesQueryKey,
    queryFn: ({ signal }) => api('/api/v1/admin/routing-rules', { schema: routingRuleListSchema, signal }),
    staleTime: 0,
  });

/** The routing table with its gaps and overlaps (admin). */
export function useRoutingRules() {
  return useQuery(routingRulesQueryOptions());
}

function useRuleMutation<A>(fn: (arg: A) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routingRulesQueryKey }),
  });
}

export function useCreateRoutingRule() {
  return useRuleMutation(
    (body: CreateRoutingRule): Promise<RoutingRule> =>
      api('/api/v1/admin/routing-rules', { method: 'POST', body, schema: routingRuleSchema }),
  );
}

export function useUpdateRoutingRule() {
  return useRuleMutation(
    ({ id, body }: { id: string; body: UpdateRoutingRule }): Promise<RoutingRule> =>
      api(`/api/v1/admin/routing-rules/${id}`, { method: 'PATCH', body, schema: routingRuleSchema }),
  );
}

export function useDeleteRoutingRule() {
  return useRuleMutation(async (id: string) => {
    await api(`/api/v1/admin/routing-rules/${id}`, { method: 'DELETE' });
  });
}

export type RoutingTestQuery = { lat: number; lon: number; categoryId: string; text?: string; date?: string };

/** "Where would a report go": asked on demand, never cached. */
export function testRouting(q: RoutingTestQuery) {
  const params = new URLSearchParams({ lat: String(q.lat), lon: String(q.lon), categoryId: q.categoryId });
  if (q.text) params.set('text', q.text);
  if (q.date) params.set('date', q.date);
  return api(`/api/v1/admin/routing-rules/test?${params}`, { schema: routingTestResultSchema });
}
