import { type RenderedTemplateList, renderedTemplateListSchema } from '@shared/answers/answers.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The organisation's templates that fit the report, already filled in for it by the server. */
export async function getReportTemplates(
  reportId: string,
  signal?: AbortSignal,
): Promise<RenderedTemplateList> {
  return api(`/api/v1/reports/${encodeURIComponent(reportId)}/answer-templates`, {
    schema: renderedTemplateListSchema,
    signal,
  });
}

export function useReportTemplates(reportId: string) {
  return useQuery({
    queryKey: ['report', reportId, 'answer-templates'],
    queryFn: ({ signal }) => getReportTemplates(reportId, signal),
  });
}
