import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { ApiError } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useLogin } from '../../auth/api/login';
import { useOidcStatus } from '../../auth/api/oidc-status';
import { useAcceptInvitation, useInvitationPreview } from '../api/accept-invitation';

/**
 * The page the invitation letter links to: says what the person is invited to, lets them set a
 * password, signs them in and opens the staff workspace. A used, late or replaced link says so.
 */
export function AcceptInvitationRoute() {
  const { t } = useTranslation();
  usePageTitle(t('staffAdmin.acceptTitle'));
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  return (
    <div className="page page--narrow">
      <h1>{t('staffAdmin.acceptTitle')}</h1>
      {token ? <AcceptForm token={token} /> : <p>{t('staffAdmin.noToken')}</p>}
    </div>
  );
}

function AcceptForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const login = useLogin();
  const [password, setPassword] = useState('');
  const problem =
    accept.error instanceof ApiError
      ? accept.error.details.find((d) => d.path === 'password')?.message
      : undefined;

  if (preview.isPending) return <Loading />;
  if (preview.error)
    return (
      <>
        <ErrorMessage error={preview.error} />
        <p>
          <Link to="/login">{t('auth.loginLink')}</Link>
        </p>
      </>
    );
  const p = preview.data;
  const scope = p.organisation ?? p.territory;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate(
      { token, password },
      {
        onSuccess: ({ email }) =>
          login.mutate({ email, password }, { onSuccess: () => navigate('/staff', { replace: true }) }),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} className="form card" noValidate>
      <p>
        {t('staffAdmin.acceptLead', {
          name: p.name,
          role: t(`roles.${p.role}`),
        })}
        {scope && <> ({localName(scope.name)})</>}
      </p>
      <p className="hint">{t('staffAdmin.acceptEmail', { email: p.email })}</p>
      <ErrorMessage error={accept.error ?? login.error} fields={['password']} />
      <Field
        id="accept-password"
        label={t('auth.newPassword')}
        hint={t('auth.passwordHint')}
        error={problem}
        required
      >
        <input
          id="accept-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...describedBy('accept-password', { error: problem, hint: true })}
        />
      </Field>
      <input type="hidden" name="username" autoComplete="username" value={p.email} />
      <button type="submit" className="button" disabled={accept.isPending || login.isPending}>
        {accept.isPending || login.isPending ? t('common.sending') : t('staffAdmin.acceptSubmit')}
      </button>
      <AcceptWithOidc token={token} />
    </form>
  );
}

/** Instead of a password: sign in at the region's provider, whose identity the new account is linked to. */
function AcceptWithOidc({ token }: { token: string }) {
  const { t } = useTranslation();
  const status = useOidcStatus();
  if (!status.data?.enabled) return null;
  return (
    <div className="oidc-sign-in">
      <p className="form-footer">{t('auth.oidcOr')}</p>
      <a
        className="button button--secondary"
        href={`/api/v1/auth/oidc/start?invitation=${encodeURIComponent(token)}`}
      >
        {t('staffAdmin.acceptWithOidc', { provider: status.data.providerName })}
      </a>
    </div>
  );
}
