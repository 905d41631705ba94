import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { LoginForm } from '../components/LoginForm';
import { OidcSignInButton, OidcSignInError } from '../components/OidcSignIn';
import type { LoginState } from '../login-state';

function reasonText(reason: NonNullable<LoginState['reason']>, from: string): string {
  if (reason === 'takePart') return 'auth.loginToTakePart';
  return from.startsWith('/reports/new') ? 'auth.loginToReport' : 'auth.loginToContinue';
}

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  usePageTitle(t('auth.loginTitle'));
  const { from, reason } = (location.state as LoginState | null) ?? {};
  const [search] = useSearchParams();

  return (
    <div className="page page--narrow">
      <h1>{t('auth.loginTitle')}</h1>
      {/* Sent here by a page for signed-in people or to take part: say why, rather than show a bare
          form (the header's "Войти" says nothing: the visitor chose to come). */}
      {reason && from && <p className="lead">{t(reasonText(reason, from))}</p>}
      <OidcSignInError code={search.get('oidcError')} />
      <LoginForm onSuccess={() => navigate(from && from !== '/login' ? from : '/', { replace: true })} />
      <p className="form-footer">
        <Link to="/account/reset">{t('auth.forgotPassword')}</Link>
      </p>
      <OidcSignInButton returnTo={from && from !== '/login' ? from : '/'} />
      <p className="form-footer">
        {t('auth.noAccount')}{' '}
        <Link to="/register" state={{ from }}>
          {t('auth.registerLink')}
        </Link>
      </p>
    </div>
  );
}
