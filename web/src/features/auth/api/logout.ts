import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { forgetUser, meQueryKey } from './get-me';

export async function logout(): Promise<void> {
  await api('/api/v1/session', { method: 'DELETE' });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      forgetUser();
      queryClient.setQueryData(meQueryKey, null);
      // Drop everything that was fetched as this user; reference data stays.
      queryClient.removeQueries({ queryKey: ['reports'] });
      queryClient.removeQueries({ queryKey: ['report'] });
    },
  });
}
