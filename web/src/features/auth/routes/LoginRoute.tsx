import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { LoginForm } from '../components/LoginForm';
import { OidcSignInButton, OidcSignInError } from '../components/OidcSignIn';

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  usePageTitle(t('auth.loginTitle'));
  const from = (location.state as { from?: string } | null)?.from;
  const registered = (location.state as { registered?: boolean } | null)?.registered;
  const [search] = useSearchParams();

  return (
    <div className="page page--narrow">
      <h1>{t('auth.loginTitle')}</h1>
      {/* Sent here from a page for signed-in people: say why, rather than show a bare form. */}
      {from && from !== '/login' && !registered && (
        <p className="lead">
          {t(from.startsWith('/reports/new') ? 'auth.loginToReport' : 'auth.loginToContinue')}
        </p>
      )}
      {registered && (
        <p className="alert alert--success" role="status">
          {t('auth.registeredLogin')}
        </p>
      )}
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
