import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePreferences, useUpdatePreferences } from '../api/notifications';

/** E-mail on or off and the language of e-mails; in-app notifications always arrive. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const update = useUpdatePreferences();
  const p = prefs.data;
  return (
    <Card title={t('notifications.preferences.title')}>
      {prefs.isPending && <Loading />}
      <ErrorMessage error={prefs.error ?? update.error} />
      {p && (
        <>
          {!p.emailAvailable && <p className="hint">{t('notifications.preferences.emailUnavailable')}</p>}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={p.email}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ email: e.target.checked })}
            />
            {t('notifications.preferences.email')}
          </label>
          <fieldset className="radio-group">
            <legend>{t('notifications.preferences.language')}</legend>
            {(['ru', 'en'] as const).map((lng) => (
              <label key={lng} className="radio">
                <input
                  type="radio"
                  name="email-language"
                  value={lng}
                  checked={p.language === lng}
                  disabled={update.isPending}
                  onChange={() => update.mutate({ language: lng })}
                />
                {t(`languages.${lng}Long`)}
              </label>
            ))}
          </fieldset>
          {update.isSuccess && (
            <p className="alert alert--success" role="status">
              {t('notifications.preferences.saved')}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
