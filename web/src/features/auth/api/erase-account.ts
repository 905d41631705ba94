import { erasureResponseSchema } from '@shared/identity/erasure.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { forgetUser, meQueryKey } from './get-me';

/** The right to be forgotten: erases the signed-in resident's account (cannot be undone). */
export function eraseAccount() {
  return api('/api/v1/me/erasure', {
    method: 'POST',
    body: { confirm: true },
    schema: erasureResponseSchema,
  });
}

export function useEraseAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: eraseAccount,
    onSuccess: () => {
      // The session ended with the account: forget everything fetched as this user.
      forgetUser();
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ queryKey: ['reports'] });
      queryClient.removeQueries({ queryKey: ['report'] });
    },
  });
}
