import { useTranslation } from 'react-i18next';

/** The secret, this one time: the server keeps it but never shows it again. */
export function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warning" role="status">
      <p>
        <strong>{t('webhooks.secretOnce')}</strong> {t('webhooks.secretOnceFor', { url })}
      </p>
      <p>
        <code className="secret" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void navigator.clipboard?.writeText(secret)}
        >
          {t('webhooks.copy')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('webhooks.secretSaved')}
        </button>
      </div>
    </div>
  );
}
