import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export type Feedback = { articleId: string; helpful: boolean; source: 'report_form' | 'article' };

/** "This answered my question" / "no": counted by the server, nothing else changes. */
export function useSendFeedback() {
  return useMutation({
    mutationFn: (f: Feedback) =>
      api(`/api/v1/knowledge/articles/${encodeURIComponent(f.articleId)}/feedback`, {
        method: 'POST',
        body: { helpful: f.helpful, source: f.source },
        schema: z.unknown(),
      }),
  });
}
