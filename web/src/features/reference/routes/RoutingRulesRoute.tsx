import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import { useAdminCategories } from '../api/admin-categories';
import { useRoutingRules } from '../api/admin-routing-rules';
import { usePublicConfig } from '../api/get-config';
import { useOrganisations } from '../api/get-organisations';
import { useTerritories } from '../api/get-territories';
import { RoutingRuleForm } from '../components/RoutingRuleForm';
import { RoutingRuleTable } from '../components/RoutingRuleTable';
import { RoutingTester } from '../components/RoutingTester';

/** The routing table (admin): the tester first, then the rules, the gaps, and a new rule. */
export function RoutingRulesRoute() {
  const { t } = useTranslation();
  usePageTitle(t('adminReference.rules.title'));
  const rules = useRoutingRules();
  const categories = useAdminCategories();
  const organisations = useOrganisations();
  const territories = useTerritories();
  const config = usePublicConfig();
  const pending = rules.isPending || categories.isPending || organisations.isPending || territories.isPending;
  const error = rules.error ?? categories.error ?? organisations.error ?? territories.error;
  const name = (list: { id: string; name: { ru: string; en: string } }[] | undefined, id: string) => {
    const found = list?.find((x) => x.id === id);
    return found ? localName(found.name) : id;
  };
  return (
    <div className="page">
      <h1>{t('adminReference.rules.title')}</h1>
      <p className="lead">{t('adminReference.rules.lead')}</p>
      {pending && <Loading />}
      <ErrorMessage error={error} />
      {rules.data && categories.data && organisations.data && territories.data && (
        <>
          <section className="card" aria-labelledby="rt-heading">
            <h2 id="rt-heading">{t('adminReference.tester.title')}</h2>
            <RoutingTester
              categories={categories.data.items}
              organisations={organisations.data}
              center={config.data?.region?.center ?? null}
            />
          </section>
          <section aria-labelledby="rr-list-heading">
            <h2 id="rr-list-heading">{t('adminReference.rules.listTitle')}</h2>
            <RoutingRuleTable list={rules.data} />
          </section>
          <section className="card" aria-labelledby="rr-gaps-heading">
            <h2 id="rr-gaps-heading">
              {t('adminReference.rules.gapsTitle', { count: rules.data.gaps.length })}
            </h2>
            <p className="hint">{t('adminReference.rules.gapsHint')}</p>
            {rules.data.gaps.length > 0 && (
              <details>
                <summary>{t('adminReference.rules.gapsShow')}</summary>
                <ul className="plain-list">
                  {rules.data.gaps.map((g) => (
                    <li key={`${g.categoryId}:${g.territoryId}`}>
                      {name(categories.data.items, g.categoryId)} — {name(territories.data, g.territoryId)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
          <section className="card" aria-labelledby="rr-new-heading">
            <h2 id="rr-new-heading">{t('adminReference.rules.new')}</h2>
            <RoutingRuleForm
              categories={categories.data.items}
              territories={territories.data}
              organisations={organisations.data}
            />
          </section>
        </>
      )}
    </div>
  );
}
