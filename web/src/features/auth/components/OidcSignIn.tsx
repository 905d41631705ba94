import { useTranslation } from 'react-i18next';
import { oidcStartUrl, useOidcStatus } from '../api/oidc-status';

/**
 * Error codes the server's OIDC callback may send back (`/login?oidcError=…`, or `/profile?…` for a
 * link from the profile), read from the message
 * catalogue; others read as generic.
 */
const knownErrors = new Set([
  'oidc_state_invalid',
  'oidc_flow_expired',
  'oidc_access_denied',
  'oidc_provider_error',
  'oidc_provider_unavailable',
  'oidc_token_invalid',
  'oidc_email_missing',
  'oidc_email_unverified',
  'oidc_staff_link_refused',
  'oidc_identity_taken',
  'oidc_link_session_mismatch',
  'oidc_link_residents_only',
  'email_taken',
]);

/** Why the last external sign-in failed, from the callback's redirect. */
export function OidcSignInError({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <p className="alert alert--error" role="alert" data-oidc-error={code}>
      {t(`errors.${knownErrors.has(code) ? code : 'oidc_failed'}`)}
    </p>
  );
}

/** «Войти через Госуслуги»: shown only where the server has a provider configured. */
export function OidcSignInButton({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const status = useOidcStatus();
  if (!status.data?.enabled) return null;
  return (
    <div className="oidc-sign-in">
      <p className="form-footer">{t('auth.oidcOr')}</p>
      <a className="button button--secondary" href={oidcStartUrl(returnTo)} id="oidc-sign-in">
        {t('auth.oidcSignIn', { provider: status.data.providerName })}
      </a>
    </div>
  );
}
