import { type LoginBody, sessionResponseSchema } from '@shared/identity/identity.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api-client';
import { meQueryKey, rememberUser } from './get-me';

export async function login(body: LoginBody) {
  const session = await api('/api/v1/session', { method: 'POST', body, schema: sessionResponseSchema });
  setCsrfToken(session.csrfToken);
  rememberUser(session.user);
  return session.user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (user) => {
      queryClient.setQueryData(meQueryKey, user);
      // Lists and reports look different to a signed-in user (own private reports, allowed actions).
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}
