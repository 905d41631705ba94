import { reportListSchema } from '@shared/reports/reports.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

/**
 * The id of the report with this public number, among the reports the signed-in person may see (a
 * search for a whole number finds the report with that number first); null when there is none.
 */
export async function findReportIdByNumber(number: number, signal?: AbortSignal): Promise<string | null> {
  const list = await api(`/api/v1/reports${queryString({ q: String(number), pageSize: 5 })}`, {
    schema: reportListSchema,
    signal,
  });
  return list.items.find((r) => r.number === number)?.id ?? null;
}

export function useReportIdByNumber(number: number) {
  return useQuery({
    queryKey: ['report-by-number', number],
    queryFn: ({ signal }) => findReportIdByNumber(number, signal),
  });
}
