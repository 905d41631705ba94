import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDate, localName } from '../../../lib/format';
import { useTerritories } from '../../reference/api/get-territories';
import { useOidcStatus, useOwnIdentities } from '../api/oidc-status';

/**
 * What an external provider (ESIA-style sign-in) verified about the person — name, address and the
 * district it lies in, which polls and initiatives for verified residents rely on — or, where the
 * platform has such a provider and nothing is verified yet, how to have it verified. Nothing
 * without a provider.
 */
export function VerifiedIdentity({ email }: { email: string }) {
  const { t } = useTranslation();
  const status = useOidcStatus();
  const enabled = status.data?.enabled === true;
  const identities = useOwnIdentities(enabled);
  const territories = useTerritories();
  if (!enabled) return null;
  const provider = status.data?.providerName ?? t('profile.verified.provider');
  const districtName = (id: string | null) =>
    localName(territories.data?.find((x) => x.id === id)?.name) || t('profile.verified.noDistrict');
  const items = identities.data?.items ?? [];
  return (
    <Card title={t('profile.verified.title')}>
      <ErrorMessage error={identities.error} />
      {/* Sign-in through the provider links by a verified e-mail (docs/oidc.md), not to the session
          at hand: the hint says so rather than offer a button that could open a second account. */}
      {identities.data && items.length === 0 && <p>{t('profile.verified.none', { provider, email })}</p>}
      {items.map((i) => (
        <dl key={i.id} className="facts">
          <dt>{t('profile.verified.name')}</dt>
          <dd>{i.verifiedName ?? '—'}</dd>
          <dt>{t('profile.verified.address')}</dt>
          <dd>{i.verifiedAddress ?? '—'}</dd>
          <dt>{t('profile.verified.district')}</dt>
          <dd>{districtName(i.residenceTerritoryId)}</dd>
          <dt>{t('profile.verified.checked')}</dt>
          <dd>{t('profile.verified.checkedBy', { provider, date: formatDate(i.verifiedAt) })}</dd>
        </dl>
      ))}
    </Card>
  );
}
