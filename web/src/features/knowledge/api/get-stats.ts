import { reminderListSchema, statsSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useKnowledgeStats() {
  return useQuery({
    queryKey: ['knowledge-stats'],
    queryFn: ({ signal }) => api('/api/v1/knowledge/stats', { schema: statsSchema, signal }),
  });
}

export function useMyReminders() {
  return useQuery({
    queryKey: ['knowledge-reminders'],
    queryFn: ({ signal }) => api('/api/v1/knowledge/reminders', { schema: reminderListSchema, signal }),
  });
}
