import {
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
