import {
  type CreateReportBody,
  type ReportDetail,
  reportDetailSchema,
} from '@shared/reports/reports.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { reportQueryKey } from './get-report';

export type CreateReportRequest = { body: CreateReportBody; idempotencyKey: string };

/** Sending the same key and body again returns the same report: retries never create a second one. */
export async function createReport({ body, idempotencyKey }: CreateReportRequest): Promise<ReportDetail> {
  return api('/api/v1/reports', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    schema: reportDetailSchema,
  });
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: async (report) => {
      queryClient.setQueryData(reportQueryKey(report.id), report);
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}
