import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import { useMe } from '../../auth/api/get-me';
import { useOrganisationPage } from '../api/get-organisation';
import { HoursTable } from '../components/HoursTable';
import { OpenStatus } from '../components/OpenStatus';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/** An organisation's public page: contacts, hours and open now, what and where it serves, its figures. */
export function OrganisationRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const page = useOrganisationPage(id);
  const { data: me } = useMe();
  const p = page.data;
  usePageTitle(p ? localName(p.name) : t('directory.title'));
  if (page.isPending) return <Loading />;
  if (!p) return <ErrorMessage error={page.error} />;
  const description = p.description
    ? currentLanguage() === 'en'
      ? p.description.en || p.description.ru
      : p.description.ru
    : '';
  return (
    <div className="page page--narrow org-page">
      <p>
        <Link to="/organisations">{t('directory.back')}</Link>
      </p>
      <h1>{localName(p.name)}</h1>
      <p className="dir-card__meta">{t(`directory.kind.${p.kind}`)}</p>
      <p>
        <OpenStatus status={p} />
      </p>
      {description && <p>{description}</p>}
      <section aria-labelledby="org-contacts">
        <h2 id="org-contacts">{t('directory.contacts')}</h2>
        <dl className="org-facts">
          {p.contacts.officeAddress && (
            <>
              <dt>{t('directory.address')}</dt>
              <dd>{p.contacts.officeAddress}</dd>
            </>
          )}
          {p.contacts.phone && (
            <>
              <dt>{t('directory.phone')}</dt>
              <dd>
                <a href={`tel:${p.contacts.phone.replace(/[^\d+]/g, '')}`}>{p.contacts.phone}</a>
              </dd>
            </>
          )}
          {p.contacts.email && (
            <>
              <dt>{t('directory.email')}</dt>
              <dd>
                <a href={`mailto:${p.contacts.email}`}>{p.contacts.email}</a>
              </dd>
            </>
          )}
          {p.contacts.website && (
            <>
              <dt>{t('directory.website')}</dt>
              <dd>
                <a href={p.contacts.website} rel="noopener noreferrer">
                  {p.contacts.website}
                </a>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="org-hours">
        <h2 id="org-hours">{t('directory.hours')}</h2>
        <HoursTable page={p} />
      </section>
      {p.services.length > 0 && (
        <section aria-labelledby="org-services">
          <h2 id="org-services">{t('directory.services')}</h2>
          <ul>
            {p.services.map((s) => (
              <li key={s.ru}>{localName(s)}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="org-serves">
        <h2 id="org-serves">{t('directory.serves')}</h2>
        {p.territories.length > 0 && <p>{p.territories.map((x) => localName(x.name)).join(', ')}</p>}
        {p.servedAddresses.length > 0 && (
          <ul>
            {p.servedAddresses.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
        {p.categories.length > 0 && (
          <details>
            <summary>{t('directory.categories', { count: p.categories.length })}</summary>
            <ul>
              {p.categories.map((c) => (
                <li key={c.id}>{localName(c.name)}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section aria-labelledby="org-figures">
        <h2 id="org-figures">{t('directory.figures.title')}</h2>
        <dl className="org-facts">
          <dt>{t('directory.figures.received')}</dt>
          <dd>{p.figures.received}</dd>
          <dt>{t('directory.figures.onTime')}</dt>
          <dd>{percent(p.figures.answeredOnTimeShare)}</dd>
          <dt>{t('directory.figures.rating')}</dt>
          <dd>{p.figures.meanRating === null ? '—' : p.figures.meanRating.toFixed(1)}</dd>
          <dt>{t('directory.figures.disputes')}</dt>
          <dd>{percent(p.figures.disputeRate)}</dd>
        </dl>
      </section>
      {me?.role === 'admin' && (
        <p>
          <Link className="button button--secondary" to={`/organisations/${p.id}/edit`}>
            {t('directory.edit')}
          </Link>
        </p>
      )}
    </div>
  );
}
