import { type DeadlineSummary, deadlineSummarySchema } from '@shared/calendar/calendar.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Running, nearly due, overdue and escalated reports per organisation, scoped by the server. */
export function useDeadlineSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['deadlines', 'summary'],
    queryFn: ({ signal }): Promise<DeadlineSummary> =>
      api('/api/v1/deadlines/summary', { schema: deadlineSummarySchema, signal }),
    enabled,
    staleTime: 60_000,
  });
}
