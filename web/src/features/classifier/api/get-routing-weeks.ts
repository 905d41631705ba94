import { type RoutingWeeks, routingWeeksSchema } from '@shared/classifier/classifier.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Per week: reports routed by a rule, the classifier and a curator, and automatic routings redirected later. */
export async function getRoutingWeeks(weeks: number, signal?: AbortSignal): Promise<RoutingWeeks> {
  return api(`/api/v1/admin/classifier/routing-weeks?weeks=${weeks}`, { schema: routingWeeksSchema, signal });
}

export function useRoutingWeeks(weeks = 12) {
  return useQuery({
    queryKey: ['admin', 'classifier', 'routing-weeks', weeks],
    queryFn: ({ signal }) => getRoutingWeeks(weeks, signal),
  });
}
