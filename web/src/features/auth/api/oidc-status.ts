import {
  linkStartedSchema,
  oidcStatusSchema,
  ownIdentitiesResponseSchema,
} from '@shared/identity/oidc.schemas.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api-client';

/** Whether external sign-in (ESIA-style OpenID Connect) is configured, and the provider's name. */
export function useOidcStatus() {
  const { i18n } = useTranslation();
  return useQuery({
    // The name comes in the interface language: one cache entry per language.
    queryKey: ['oidc-status', i18n.language],
    queryFn: () => api('/api/v1/auth/oidc', { schema: oidcStatusSchema }),
    staleTime: 60 * 60_000,
  });
}

/** The server's start URL: a full-page navigation to the provider, back to `returnTo` afterwards. */
export function oidcStartUrl(returnTo: string): string {
  return `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The signed-in person's external identities and what their provider verified (their own data). */
export function useOwnIdentities(enabled: boolean) {
  return useQuery({
    queryKey: ['me', 'identities'],
    queryFn: ({ signal }) => api('/api/v1/me/identities', { schema: ownIdentitiesResponseSchema, signal }),
    enabled,
  });
}

/**
 * Links the provider to the signed-in resident: the server starts the flow (a POST with the CSRF
 * token, so no other site can start it), then the whole page goes to the provider, which sends it
 * back to the profile.
 */
export function useStartLink() {
  return useMutation({
    mutationFn: () => api('/api/v1/me/identities/oidc', { method: 'POST', schema: linkStartedSchema }),
    onSuccess: ({ authorizationUrl }) => window.location.assign(authorizationUrl),
  });
}
