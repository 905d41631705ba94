import {
  nextStatementSchema,
  opinionMapSchema,
  statementListSchema,
  statementSchema,
  type VoteValue,
  voteResultSchema,
} from '@shared/discussions/discussions.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/* The opinion map: the next statement to vote on, voting, submitting, moderating, the map itself. */

const base = (id: string) => `/api/v1/discussions/${encodeURIComponent(id)}`;

export function useNextStatement(discussionId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['opinion', discussionId, 'next'],
    queryFn: ({ signal }) =>
      api(`${base(discussionId)}/statements/next`, { schema: nextStatementSchema, signal }),
    enabled,
  });
}

export function useVote(discussionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ statementId, vote }: { statementId: string; vote: VoteValue }) =>
      api(`/api/v1/statements/${encodeURIComponent(statementId)}/vote`, {
        method: 'PUT',
        body: { vote },
        schema: voteResultSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['opinion', discussionId, 'next'] }),
  });
}

export function useSubmitStatement(discussionId: string) {
  return useMutation({
    mutationFn: (text: string) =>
      api(`${base(discussionId)}/statements`, { method: 'POST', body: { text }, schema: statementSchema }),
  });
}

export function useOpinionMap(discussionId: string) {
  return useQuery({
    queryKey: ['opinion', discussionId, 'map'],
    queryFn: ({ signal }) => api(`${base(discussionId)}/opinion-map`, { schema: opinionMapSchema, signal }),
  });
}

export function usePendingStatements(discussionId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['opinion', discussionId, 'pending'],
    queryFn: ({ signal }) =>
      api(`${base(discussionId)}/statements?status=pending`, { schema: statementListSchema, signal }),
    enabled,
  });
}

export function useModerateStatement(discussionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      api(`/api/v1/statements/${encodeURIComponent(id)}/moderation`, {
        method: 'POST',
        body: { decision },
        schema: statementSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['opinion', discussionId] }),
  });
}
