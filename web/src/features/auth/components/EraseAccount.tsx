import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Card } from '../../../components/Card';
import { useEraseAccount } from '../api/erase-account';

/**
 * The resident's own "delete my account": what is erased and what is kept, a confirmation the
 * person must tick, then the request. Staff accounts are closed by an admin, not here.
 */
export function EraseAccount() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [understood, setUnderstood] = useState(false);
  const erase = useEraseAccount();
  return (
    <Card title={t('erasure.title')}>
      <p>{t('erasure.lead')}</p>
      <ul>
        <li>{t('erasure.erased')}</li>
        <li>{t('erasure.kept')}</li>
      </ul>
      <label className="checkbox">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />{' '}
        {t('erasure.confirm')}
      </label>
      {erase.isError && (
        <p className="alert alert--error" role="alert">
          {erase.error instanceof Error ? erase.error.message : t('erasure.failed')}
        </p>
      )}
      <button
        type="button"
        className="button button--danger"
        disabled={!understood || erase.isPending}
        onClick={() => erase.mutate(undefined, { onSuccess: () => navigate('/?erased=1') })}
      >
        {t('erasure.button')}
      </button>
    </Card>
  );
}
