import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import type { EndpointWithSecret } from '../api/create-webhook';
import { useWebhooks } from '../api/get-webhooks';
import { DeliveryLog } from '../components/DeliveryLog';
import { EndpointForm } from '../components/EndpointForm';
import { EndpointTable } from '../components/EndpointTable';
import { SecretOnce } from '../components/SecretOnce';

/** Outbound webhooks (admin): endpoints, their secrets (once), the delivery log and manual retries. */
export function WebhooksRoute() {
  const { t } = useTranslation();
  usePageTitle(t('webhooks.title'));
  const list = useWebhooks();
  const [secret, setSecret] = useState<EndpointWithSecret | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const data = list.data;
  const current = data?.items.find((e) => e.id === selected) ?? null;
  return (
    <div className="page">
      <h1>{t('webhooks.title')}</h1>
      <p className="lead">{t('webhooks.lead')}</p>
      {secret && (
        <SecretOnce url={secret.endpoint.url} secret={secret.secret} onDone={() => setSecret(null)} />
      )}
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {data && (
        <>
          <section className="card" aria-labelledby="wh-list-heading">
            <h2 id="wh-list-heading">{t('webhooks.endpoints')}</h2>
            {data.items.length === 0 ? (
              <p>{t('webhooks.none')}</p>
            ) : (
              <EndpointTable
                endpoints={data.items}
                selected={selected}
                onSelect={setSelected}
                onSecret={setSecret}
              />
            )}
          </section>
          {current && (
            <section className="card" aria-labelledby="wh-log-heading">
              <h2 id="wh-log-heading">{t('webhooks.log', { url: current.url })}</h2>
              <DeliveryLog endpointId={current.id} />
            </section>
          )}
          <section className="card" aria-labelledby="wh-new-heading">
            <h2 id="wh-new-heading">{t('webhooks.new')}</h2>
            <p className="hint">{t('webhooks.signingHint')}</p>
            <EndpointForm events={data.events} onCreated={setSecret} />
          </section>
        </>
      )}
    </div>
  );
}
