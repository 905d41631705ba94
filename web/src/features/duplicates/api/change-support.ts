import { type ReportDetail, reportDetailSchema } from '@shared/reports/reports.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { reportQueryKey } from '../../reports/api/get-report';

export type SupportChange = { reportId: string; support: boolean };

/** "Me too" (POST) or withdrawing it (DELETE); the answer is the report with its new count. */
export async function changeSupport({ reportId, support }: SupportChange): Promise<ReportDetail> {
  return api(`/api/v1/reports/${encodeURIComponent(reportId)}/support`, {
    method: support ? 'POST' : 'DELETE',
    schema: reportDetailSchema,
  });
}

export function useChangeSupport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeSupport,
    onSuccess: async (report) => {
      queryClient.setQueryData(reportQueryKey(report.id), report);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['report', report.id, 'events'] }),
        queryClient.invalidateQueries({ queryKey: ['similar-reports'] }),
      ]);
    },
  });
}
