import { meSchema, type RegisterBody } from '@shared/identity/identity.schemas.ts';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const registerResponseSchema = z.object({ user: meSchema });

export async function register(body: RegisterBody) {
  const { user } = await api('/api/v1/users', { method: 'POST', body, schema: registerResponseSchema });
  return user;
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
