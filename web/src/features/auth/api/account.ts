import type { PasswordResetComplete } from '@shared/identity/identity.schemas.ts';
import { acceptedResponseSchema } from '@shared/identity/identity.schemas.ts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useConfirmEmail() {
  return useMutation({
    mutationFn: (token: string) => api('/api/v1/users/confirmations', { method: 'POST', body: { token } }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api('/api/v1/password-resets', { method: 'POST', body: { email }, schema: acceptedResponseSchema }),
  });
}

export function useCompletePasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetComplete) =>
      api('/api/v1/password-resets/complete', { method: 'POST', body }),
  });
}
