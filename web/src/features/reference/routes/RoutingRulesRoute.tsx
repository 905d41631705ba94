import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { Page } from '../../../components/Page';
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
    <Page
      title={t('adminReference.rules.title')}
      lead={t('adminReference.rules.lead')}
      loading={pending}
      error={error}
    >
      {rules.data && categories.data && organisations.data && territories.data && (
        <>
          <Card title={t('adminReference.tester.title')}>
            <RoutingTester
              categories={categories.data.items}
              organisations={organisations.data}
              center={config.data?.region?.center ?? null}
            />
          </Card>
          <section aria-labelledby="rr-list-heading">
            <h2 id="rr-list-heading">{t('adminReference.rules.listTitle')}</h2>
            <RoutingRuleTable list={rules.data} />
          </section>
          <Card title={t('adminReference.rules.gapsTitle', { count: rules.data.gaps.length })}>
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
          </Card>
          <Card title={t('adminReference.rules.new')}>
            <RoutingRuleForm
              categories={categories.data.items}
              territories={territories.data}
              organisations={organisations.data}
            />
          </Card>
        </>
      )}
    </Page>
  );
}
