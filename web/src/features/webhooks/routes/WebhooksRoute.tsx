import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { Page } from '../../../components/Page';
import type { EndpointWithSecret } from '../api/create-webhook';
import { useWebhooks } from '../api/get-webhooks';
import { DeliveryLog } from '../components/DeliveryLog';
import { EndpointForm } from '../components/EndpointForm';
import { EndpointTable } from '../components/EndpointTable';
import { SecretOnce } from '../components/SecretOnce';

/** Outbound webhooks (admin): endpoints, their secrets (once), the delivery log and manual retries. */
export function WebhooksRoute() {
  const { t } = useTranslation();
  const list = useWebhooks();
  const [secret, setSecret] = useState<EndpointWithSecret | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const data = list.data;
  const current = data?.items.find((e) => e.id === selected) ?? null;
  return (
    <Page title={t('webhooks.title')} lead={t('webhooks.lead')} loading={list.isPending} error={list.error}>
      {secret && (
        <SecretOnce url={secret.endpoint.url} secret={secret.secret} onDone={() => setSecret(null)} />
      )}
      {data && (
        <>
          <Card title={t('webhooks.endpoints')}>
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
          </Card>
          {current && (
            <Card title={t('webhooks.log', { url: current.url })}>
              <DeliveryLog endpointId={current.id} />
            </Card>
          )}
          <Card title={t('webhooks.new')}>
            <p className="hint">{t('webhooks.signingHint')}</p>
            <EndpointForm events={data.events} onCreated={setSecret} />
          </Card>
        </>
      )}
    </Page>
  );
}
