import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { usePageTitle } from '../../../components/use-page-title';
import { useCompleteEmailChange } from '../api/profile';

/**
 * Opened from the link sent to a new address. The change waits for a click rather than running on
 * load: a mail scanner that opens links must not change an account's address.
 */
export function ConfirmEmailChangeRoute() {
  const { t } = useTranslation();
  usePageTitle(t('profile.emailChange.confirmTitle'));
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const complete = useCompleteEmailChange();
  return (
    <div className="page page--narrow">
      <h1>{t('profile.emailChange.confirmTitle')}</h1>
      {!token && (
        <p className="alert alert--error" role="alert">
          {t('auth.linkMissing')}
        </p>
      )}
      <ErrorMessage error={complete.error} />
      {complete.isSuccess ? (
        <p className="alert alert--success" role="status">
          {t('profile.emailChange.changed')} <Link to="/profile">{t('profile.title')}</Link>
        </p>
      ) : (
        token && (
          <>
            <p>{t('profile.emailChange.confirmLead')}</p>
            <button
              type="button"
              className="button"
              disabled={complete.isPending}
              onClick={() => complete.mutate(token)}
            >
              {t('profile.emailChange.confirm')}
            </button>
          </>
        )
      )}
    </div>
  );
}
