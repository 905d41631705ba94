import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDate, localName } from '../../../lib/format';
import { useTerritories } from '../../reference/api/get-territories';
import { useOidcStatus, useOwnIdentities, useStartLink } from '../api/oidc-status';
import { OidcSignInError } from './OidcSignIn';

/**
 * What an external provider (ESIA-style sign-in) verified about the person — name, address and the
 * district it lies in, which polls and initiatives for verified residents rely on — and, for a
 * resident, the button that has it verified (or refreshed) by signing in at the provider, which
 * links it to this account. The provider's answer comes back here: `identityLinked` or `oidcError`
 * in the address. Nothing without a provider.
 */
export function VerifiedIdentity({ canLink }: { canLink: boolean }) {
  const { t } = useTranslation();
  const status = useOidcStatus();
  const enabled = status.data?.enabled === true;
  const identities = useOwnIdentities(enabled);
  const territories = useTerritories();
  const startLink = useStartLink();
  const [search] = useSearchParams();
  if (!enabled) return null;
  const provider = status.data?.providerName ?? t('profile.verified.provider');
  const districtName = (id: string | null) =>
    localName(territories.data?.find((x) => x.id === id)?.name) || t('profile.verified.noDistrict');
  const items = identities.data?.items ?? [];
  return (
    <Card title={t('profile.verified.title')}>
      {search.get('identityLinked') && (
        <p className="alert alert--success" role="status">
          {t('profile.verified.linked', { provider })}
        </p>
      )}
      <OidcSignInError code={search.get('oidcError')} />
      <ErrorMessage error={identities.error ?? startLink.error} />
      {identities.data && items.length === 0 && <p>{t('profile.verified.none')}</p>}
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
      {canLink && identities.data && (
        <div className="verified-link">
          <button
            type="button"
            className="button button--secondary"
            disabled={startLink.isPending || startLink.isSuccess}
            onClick={() => startLink.mutate()}
          >
            {t(items.length === 0 ? 'profile.verified.link' : 'profile.verified.refresh', { provider })}
          </button>
          <p className="hint">{t('profile.verified.linkHint', { provider })}</p>
        </div>
      )}
    </Card>
  );
}
