import { type Me, meResponseSchema } from '@shared/identity/identity.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, isNetworkError, setCsrfToken } from '../../../lib/api-client';

const lastUserKey = 'vmeste.user';

/** The last signed-in user, so that the app (and a saved draft) still works when opened offline. */
function rememberUser(user: Me | null): void {
  try {
    if (user) localStorage.setItem(lastUserKey, JSON.stringify(user));
    else localStorage.removeItem(lastUserKey);
  } catch {
    // Storage may be unavailable; offline start then shows the signed-out state.
  }
}

function lastKnownUser(): Me | null {
  try {
    const raw = localStorage.getItem(lastUserKey);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

export async function getMe(): Promise<Me | null> {
  try {
    const { user, csrfToken } = await api('/api/v1/me', { schema: meResponseSchema });
    setCsrfToken(csrfToken);
    rememberUser(user);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      rememberUser(null);
      return null;
    }
    if (isNetworkError(error)) return lastKnownUser();
    throw error;
  }
}

export const meQueryKey = ['me'] as const;

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000, refetchOnReconnect: true });

/** The signed-in user (null when signed out); `isPending` until the first answer. */
export function useMe() {
  return useQuery(meQueryOptions());
}

export function forgetUser(): void {
  rememberUser(null);
  setCsrfToken(null);
}

export { rememberUser };
