import {
  type CreateTemplateInput,
  type Template,
  templateListSchema,
  templateSchema,
  type UpdateTemplateInput,
} from '@shared/answers/answers.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const templatesKey = ['answer-templates'] as const;

/** The templates the signed-in staff member keeps (the server scopes them by role). */
export function useTemplates() {
  return useQuery({
    queryKey: templatesKey,
    queryFn: ({ signal }) => api('/api/v1/answer-templates', { schema: templateListSchema, signal }),
  });
}

type SaveRequest = { id: string; body: UpdateTemplateInput } | { id: null; body: CreateTemplateInput };

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: SaveRequest): Promise<Template> =>
      r.id
        ? api(`/api/v1/answer-templates/${encodeURIComponent(r.id)}`, {
            method: 'PATCH',
            body: r.body,
            schema: templateSchema,
          })
        : api('/api/v1/answer-templates', { method: 'POST', body: r.body, schema: templateSchema }),
    // Reports' filled-in templates change too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/answer-templates/${encodeURIComponent(id)}`, { method: 'DELETE', schema: z.unknown() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}
