import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { Page } from '../../../components/Page';
import { useApiClients } from '../api/get-api-clients';
import { ApiClientsTable } from '../components/ApiClientsTable';
import { CreateApiClientForm } from '../components/CreateApiClientForm';

/** API keys (admin): Open311 clients and organisations' systems. */
export function ApiKeysRoute() {
  const { t } = useTranslation();
  const clients = useApiClients();
  return (
    <Page title={t('apiKeys.title')} lead={t('apiKeys.lead')}>
      <CreateApiClientForm />
      <Card title={t('apiKeys.listTitle')}>
        {clients.isPending && <Loading />}
        <ErrorMessage error={clients.error} />
        {clients.data &&
          (clients.data.length === 0 ? (
            <p>{t('apiKeys.empty')}</p>
          ) : (
            <ApiClientsTable clients={clients.data} />
          ))}
      </Card>
    </Page>
  );
}
