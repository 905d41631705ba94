import { type RegisterBody, registrationResponseSchema } from '@shared/identity/identity.schemas.ts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The answer is the same for a new and a taken address; `confirmationRequired` says what comes next. */
export async function register(body: RegisterBody) {
  return api('/api/v1/users', { method: 'POST', body, schema: registrationResponseSchema });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
