import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/format';
import { type DeliveryFilter, useWebhookDeliveries } from '../api/get-webhook-deliveries';
import { useWebhookDelivery } from '../api/get-webhook-delivery';
import { useRetryWebhookDelivery } from '../api/retry-webhook-delivery';

const stateBadge = { pending: 'badge--work', delivered: 'badge--done', failed: 'badge--problem' } as const;

/** The delivery log of one endpoint: newest first, with a manual retry and every attempt on demand. */
export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DeliveryFilter>('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useWebhookDeliveries(endpointId, state);
  const retry = useRetryWebhookDelivery();
  const filterId = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={filterId}>{t('webhooks.filter')}</label>
        <select id={filterId} value={state} onChange={(e) => setState(e.target.value as DeliveryFilter)}>
          <option value="">{t('webhooks.filterAll')}</option>
          {(['pending', 'failed', 'delivered'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`webhooks.delivery.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error ?? retry.error} />
      {list.data && list.data.items.length === 0 && <p>{t('webhooks.noDeliveries')}</p>}
      {list.data && list.data.items.length > 0 && (
        <DataTable
          caption={t('webhooks.logCaption')}
          hiddenCaption
          columns={[
            { label: t('webhooks.when') },
            { label: t('webhooks.event') },
            { label: t('webhooks.stateLabel') },
            { label: t('webhooks.attempts'), numeric: true },
            { label: t('webhooks.lastResult') },
            { label: t('webhooks.actions') },
          ]}
        >
          {list.data.items.map((d) => (
            <tr key={d.id}>
              <td>{formatDateTime(d.createdAt)}</td>
              <td>
                <code>{d.event}</code>
                <div className="hint">
                  <a href={`/reports/${d.reportId}`}>{t('webhooks.report')}</a> · #{d.eventId}
                </div>
              </td>
              <td>
                <span className={`badge ${stateBadge[d.state]}`}>{t(`webhooks.delivery.${d.state}`)}</span>
                {d.nextAttemptAt && (
                  <div className="hint">
                    {t('webhooks.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}
                  </div>
                )}
              </td>
              <td className="num">{d.attempts}</td>
              <td>
                {d.lastStatusCode ?? ''} {d.lastError ?? ''}
              </td>
              <td>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-expanded={open === d.id}
                    onClick={() => setOpen(open === d.id ? null : d.id)}
                  >
                    {t('webhooks.details')}
                  </button>
                  {d.state !== 'delivered' && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={retry.isPending}
                      onClick={() => retry.mutate({ endpointId, deliveryId: d.id })}
                    >
                      {t('webhooks.retry')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {open && <DeliveryDetail endpointId={endpointId} deliveryId={open} />}
    </>
  );
}

function DeliveryDetail({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const { t } = useTranslation();
  const detail = useWebhookDelivery(endpointId, deliveryId);
  if (detail.isPending) return <Loading />;
  if (!detail.data) return <ErrorMessage error={detail.error} />;
  const d = detail.data;
  return (
    <section className="card" aria-label={t('webhooks.details')}>
      <h3>{t('webhooks.attemptLog')}</h3>
      {d.log.length === 0 ? (
        <p>{t('webhooks.noAttempts')}</p>
      ) : (
        <ol>
          {d.log.map((a) => (
            <li key={a.attempt}>
              {formatDateTime(a.at)} — {a.statusCode ?? '—'} {a.error ?? t('webhooks.ok')} ({a.durationMs} ms)
              {a.responseExcerpt && <pre className="excerpt">{a.responseExcerpt}</pre>}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('webhooks.body')}</h3>
      <pre className="excerpt">{JSON.stringify(JSON.parse(d.body), null, 2)}</pre>
    </section>
  );
}
