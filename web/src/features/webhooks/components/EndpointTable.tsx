import type { EndpointView } from '@shared/webhooks/webhooks.schemas.ts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime } from '../../../lib/format';
import type { EndpointWithSecret } from '../api/create-webhook';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';
import { useUpdateWebhook } from '../api/update-webhook';

export function EndpointState({ endpoint }: { endpoint: EndpointView }) {
  const { t } = useTranslation();
  if (endpoint.enabled) return <span className="badge badge--done">{t('webhooks.state.active')}</span>;
  const failing = endpoint.disabledReason === 'failures';
  return (
    <span className={`badge ${failing ? 'badge--problem' : 'badge--final'}`}>
      {t(failing ? 'webhooks.state.failing' : 'webhooks.state.paused')}
      {endpoint.disabledAt && ` · ${formatDateTime(endpoint.disabledAt)}`}
    </span>
  );
}

type Props = {
  endpoints: EndpointView[];
  selected: string | null;
  onSelect: (id: string) => void;
  onSecret: (r: EndpointWithSecret) => void;
};

/** Every endpoint with its state, queue and the admin's controls. */
export function EndpointTable({ endpoints, selected, onSelect, onSecret }: Props) {
  const { t } = useTranslation();
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  return (
    <>
      <DataTable
        caption={t('webhooks.listCaption')}
        hiddenCaption
        columns={[
          { label: t('webhooks.url') },
          { label: t('webhooks.events') },
          { label: t('webhooks.stateLabel') },
          { label: t('webhooks.pending'), numeric: true },
          { label: t('webhooks.failed'), numeric: true },
          { label: t('webhooks.actions') },
        ]}
      >
        {endpoints.map((e) => (
          <tr key={e.id} aria-current={e.id === selected ? 'true' : undefined}>
            <th scope="row">
              <code>{e.url}</code>
              {e.description && <div className="hint">{e.description}</div>}
              <div className="hint">
                {t('webhooks.secretHintShort')} <code>{e.secretHint}</code>
              </div>
            </th>
            <td>{e.events.join(', ')}</td>
            <td>
              <EndpointState endpoint={e} />
              {e.consecutiveFailures > 0 && (
                <div className="hint">{t('webhooks.failuresInRow', { count: e.consecutiveFailures })}</div>
              )}
            </td>
            <td className="num">{e.pendingDeliveries}</td>
            <td className="num">{e.failedDeliveries}</td>
            <td>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => onSelect(e.id)}
                >
                  {t('webhooks.showLog')}
                </button>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: e.id, enabled: !e.enabled })}
                >
                  {e.enabled ? t('webhooks.pause') : t('webhooks.enable')}
                </button>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={rotate.isPending}
                  onClick={() => {
                    if (window.confirm(t('webhooks.rotateConfirm')))
                      rotate.mutate(e.id, { onSuccess: onSecret });
                  }}
                >
                  {t('webhooks.rotate')}
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t('webhooks.deleteConfirm', { url: e.url }))) remove.mutate(e.id);
                  }}
                >
                  {t('webhooks.delete')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      <ErrorMessage error={update.error ?? rotate.error ?? remove.error} />
    </>
  );
}
