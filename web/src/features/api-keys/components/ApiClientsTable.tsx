import type { ApiClient } from '@shared/api-keys/api-keys.schemas.ts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, localName } from '../../../lib/format';
import { useRevokeApiClient } from '../api/revoke-api-client';

/** Clients with their key prefix, scope, limit and last use; a live key can be revoked. */
export function ApiClientsTable({ clients }: { clients: ApiClient[] }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiClient();
  const onRevoke = (c: ApiClient) => {
    if (window.confirm(t('apiKeys.confirmRevoke', { name: c.name }))) revoke.mutate(c.id);
  };
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable table must be reachable by keyboard. */}
      <section className="table-scroll" tabIndex={0} aria-label={t('apiKeys.listTitle')}>
        <table className="data-table">
          <caption>{t('apiKeys.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('apiKeys.key')}</th>
              <th scope="col">{t('apiKeys.organisation')}</th>
              <th scope="col" className="num">
                {t('apiKeys.rateLimitShort')}
              </th>
              <th scope="col">{t('apiKeys.created')}</th>
              <th scope="col">{t('apiKeys.lastUsed')}</th>
              <th scope="col">{t('apiKeys.state')}</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>
                  <code>{c.keyPrefix}…</code>
                </td>
                <td>
                  {c.organisation ? localName({ ru: c.organisation.nameRu, en: c.organisation.nameEn }) : '—'}
                </td>
                <td className="num">{c.rateLimitPerMinute}</td>
                <td>{formatDateTime(c.createdAt)}</td>
                <td>{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : t('apiKeys.never')}</td>
                <td>
                  {c.revokedAt ? (
                    t('apiKeys.revokedAt', { date: formatDateTime(c.revokedAt) })
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={revoke.isPending}
                      onClick={() => onRevoke(c)}
                      aria-label={t('apiKeys.revokeNamed', { name: c.name })}
                    >
                      {t('apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ErrorMessage error={revoke.error} />
    </>
  );
}
