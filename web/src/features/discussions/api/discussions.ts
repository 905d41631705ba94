import {
  type CreateCommentInput,
  commentSchema,
  discussionListSchema,
  discussionSchema,
  flaggedListSchema,
  type ModerateCommentInput,
} from '@shared/discussions/discussions.schemas.ts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

/* The discussion API calls, each with its hook; mutations refresh the discussion they change. */

export const discussionKey = (id: string) => ['discussion', id] as const;

export function discussionQuery(id: string) {
  return queryOptions({
    queryKey: discussionKey(id),
    queryFn: ({ signal }) =>
      api(`/api/v1/discussions/${encodeURIComponent(id)}`, { schema: discussionSchema, signal }),
  });
}
export const useDiscussion = (id: string) => useQuery(discussionQuery(id));

export function useDiscussions() {
  return useQuery({
    queryKey: ['discussions'],
    queryFn: ({ signal }) => api('/api/v1/discussions', { schema: discussionListSchema, signal }),
  });
}

export type NewDiscussion = {
  title: string;
  body: string;
  opensAt: string;
  closesAt: string;
  opinionMap: boolean;
  territoryId: string | null;
  organisationId: string | null;
  attachmentIds: string[];
};

export function useCreateDiscussion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDiscussion) =>
      api('/api/v1/discussions', { method: 'POST', body, schema: discussionSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['discussions'] }),
  });
}

export type DiscussionChanges = { title?: string; body?: string; attachmentIds?: string[] };

/** Staff correct the discussion (title, text, files). */
export function useUpdateDiscussion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DiscussionChanges) =>
      api(`/api/v1/discussions/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body,
        schema: discussionSchema,
      }),
    onSuccess: (d) => {
      queryClient.setQueryData(discussionKey(id), d);
      return queryClient.invalidateQueries({ queryKey: ['discussions'] });
    },
  });
}

/** Any change to one discussion's comments refreshes the discussion (threads, counts, marks). */
function useDiscussionMutation<I, S extends z.ZodType>(
  discussionId: string,
  request: (input: I) => Promise<z.output<S>>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKey(discussionId) }),
  });
}

export const useAddComment = (discussionId: string) =>
  useDiscussionMutation(discussionId, (body: Partial<CreateCommentInput> & { text: string }) =>
    api(`/api/v1/discussions/${encodeURIComponent(discussionId)}/comments`, {
      method: 'POST',
      body,
      schema: commentSchema,
    }),
  );

export const useEditComment = (discussionId: string) =>
  useDiscussionMutation(discussionId, ({ id, text }: { id: string; text: string }) =>
    api(`/api/v1/comments/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: { text },
      schema: commentSchema,
    }),
  );

export const useSupportComment = (discussionId: string) =>
  useDiscussionMutation(discussionId, (id: string) =>
    api(`/api/v1/comments/${encodeURIComponent(id)}/support`, { method: 'PUT', schema: commentSchema }),
  );

export const useFlagComment = (discussionId: string) =>
  useDiscussionMutation(discussionId, ({ id, reason }: { id: string; reason: string }) =>
    api(`/api/v1/comments/${encodeURIComponent(id)}/flags`, {
      method: 'POST',
      body: { reason },
      schema: commentSchema,
    }),
  );

export function useModerateComment(discussionId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ModerateCommentInput & { id: string }) =>
      api(`/api/v1/comments/${encodeURIComponent(id)}/moderation`, {
        method: 'POST',
        body,
        schema: commentSchema,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['moderation', 'comments'] });
      if (discussionId) await queryClient.invalidateQueries({ queryKey: discussionKey(discussionId) });
    },
  });
}

export function useFollow(discussionId: string) {
  return useDiscussionMutation(discussionId, (follow: boolean) =>
    api(`/api/v1/discussions/${encodeURIComponent(discussionId)}/follow`, {
      method: follow ? 'PUT' : 'DELETE',
    }),
  );
}

export function usePublishResults(discussionId: string) {
  return useDiscussionMutation(discussionId, (text: string) =>
    api(`/api/v1/discussions/${encodeURIComponent(discussionId)}/results`, {
      method: 'POST',
      body: { text },
      schema: discussionSchema,
    }),
  );
}

export function useFlaggedComments(enabled: boolean) {
  return useQuery({
    queryKey: ['moderation', 'comments'],
    queryFn: ({ signal }) => api('/api/v1/moderation/comments', { schema: flaggedListSchema, signal }),
    enabled,
  });
}
