import {
  acceptedResponseSchema,
  type ChangeEmailBody,
  type ChangePasswordBody,
  meResponseSchema,
  pendingEmailChangeSchema,
  type UpdateMeBody,
} from '@shared/identity/identity.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { meQueryKey, rememberUser } from './get-me';

/** A new name for the signed-in person; the header and the profile show it at once. */
export function useRename() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) =>
      api('/api/v1/me', { method: 'PATCH', body, schema: meResponseSchema }),
    onSuccess: ({ user }) => {
      rememberUser(user);
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

/** A new password given the current one; the server ends every other session. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api('/api/v1/me/password', { method: 'POST', body }),
  });
}

const pendingEmailKey = ['me', 'email-change'] as const;

/** The new address waiting for its link to be opened, if any (kept by the server across visits). */
export function usePendingEmailChange() {
  return useQuery({
    queryKey: pendingEmailKey,
    queryFn: () => api('/api/v1/me/email', { schema: pendingEmailChangeSchema }),
  });
}

/** Asks for a new address: a link goes there (the same answer whether or not the address is taken). */
export function useChangeEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeEmailBody) =>
      api('/api/v1/me/email', { method: 'POST', body, schema: acceptedResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pendingEmailKey }),
  });
}

/** Withdraws the pending change: the link sent to the new address stops working. */
export function useCancelEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/v1/me/email', { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pendingEmailKey }),
  });
}

/** Opens the link sent to the new address: it becomes the account's. */
export function useCompleteEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api('/api/v1/email-changes/complete', { method: 'POST', body: { token } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: pendingEmailKey });
    },
  });
}
