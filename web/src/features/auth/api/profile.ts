import {
  acceptedResponseSchema,
  type ChangeEmailBody,
  type ChangePasswordBody,
  meResponseSchema,
  type UpdateMeBody,
} from '@shared/identity/identity.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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

/** Asks for a new address: a link goes there (the same answer whether or not the address is taken). */
export function useChangeEmail() {
  return useMutation({
    mutationFn: (body: ChangeEmailBody) =>
      api('/api/v1/me/email', { method: 'POST', body, schema: acceptedResponseSchema }),
  });
}

/** Opens the link sent to the new address: it becomes the account's. */
export function useCompleteEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api('/api/v1/email-changes/complete', { method: 'POST', body: { token } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
