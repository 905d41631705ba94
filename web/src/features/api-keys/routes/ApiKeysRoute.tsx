import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useApiClients } from '../api/get-api-clients';
import { ApiClientsTable } from '../components/ApiClientsTable';
import { CreateApiClientForm } from '../components/CreateApiClientForm';

/** API keys (admin): Open311 clients and organisations' systems. */
export function ApiKeysRoute() {
  const { t } = useTranslation();
  usePageTitle(t('apiKeys.title'));
  const clients = useApiClients();
  return (
    <div className="page">
      <h1>{t('apiKeys.title')}</h1>
      <p className="lead">{t('apiKeys.lead')}</p>
      <CreateApiClientForm />
      <section className="card" aria-labelledby="api-keys-list-heading">
        <h2 id="api-keys-list-heading">{t('apiKeys.listTitle')}</h2>
        {clients.isPending && <Loading />}
        <ErrorMessage error={clients.error} />
        {clients.data &&
          (clients.data.length === 0 ? (
            <p>{t('apiKeys.empty')}</p>
          ) : (
            <ApiClientsTable clients={clients.data} />
          ))}
      </section>
    </div>
  );
}
