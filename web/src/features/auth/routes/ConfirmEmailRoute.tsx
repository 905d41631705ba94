import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useConfirmEmail } from '../api/account';

/** Opened from the link e-mailed at registration: confirms the address once, then offers to sign in. */
export function ConfirmEmailRoute() {
  const { t } = useTranslation();
  usePageTitle(t('auth.confirmTitle'));
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const confirm = useConfirmEmail();
  // The token is single-use: React's development double effects must not spend it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  return (
    <div className="page page--narrow">
      <h1>{t('auth.confirmTitle')}</h1>
      {confirm.isPending && <Loading />}
      {!token && (
        <p className="alert alert--error" role="alert">
          {t('auth.linkMissing')}
        </p>
      )}
      <ErrorMessage error={confirm.error} />
      {confirm.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('auth.confirmed')} <Link to="/login">{t('auth.loginLink')}</Link>
        </p>
      )}
    </div>
  );
}
