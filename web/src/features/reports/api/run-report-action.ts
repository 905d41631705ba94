import type { ReportAction } from '@shared/reports/report-states.ts';
import {
  type actionBodySchemas,
  type ReportDetail,
  reportDetailSchema,
} from '@shared/reports/reports.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { reportQueryKey } from './get-report';

/** What the client sends for each action (schema input: defaults may be left out). */
export type ActionBody<A extends ReportAction> = z.input<(typeof actionBodySchemas)[A]>;
export type ActionRequest<A extends ReportAction = ReportAction> = { action: A; body: ActionBody<A> };

export async function runReportAction(id: string, { action, body }: ActionRequest): Promise<ReportDetail> {
  return api(`/api/v1/reports/${encodeURIComponent(id)}/actions/${action}`, {
    method: 'POST',
    body,
    schema: reportDetailSchema,
  });
}

/** Runs one of the report's `allowedActions`; the answer is the updated report. */
export function useReportAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ActionRequest) => runReportAction(id, request),
    onSuccess: async (report) => {
      queryClient.setQueryData(reportQueryKey(id), report);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['report', id, 'events'] }),
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
      ]);
    },
  });
}
