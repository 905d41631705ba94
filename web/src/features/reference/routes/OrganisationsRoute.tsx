import type { AdminOrganisation } from '@shared/reference/organisations-admin.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import {
  useAdminOrganisations,
  useDeleteOrganisation,
  useUpdateOrganisation,
} from '../api/admin-organisations';
import { OrganisationForm } from '../components/OrganisationForm';

/** Organisations (admin): kind, names, contacts, parent, what they serve; hours in the directory's editor. */
export function OrganisationsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('adminReference.organisations.title'));
  const list = useAdminOrganisations();
  const update = useUpdateOrganisation();
  const remove = useDeleteOrganisation();
  const [editing, setEditing] = useState<AdminOrganisation | null>(null);
  const captionId = useId();
  const items = list.data?.items ?? [];
  const nameOf = (id: string | null) => {
    const found = items.find((o) => o.id === id);
    return found ? localName(found.name) : '—';
  };
  return (
    <div className="page">
      <h1>{t('adminReference.organisations.title')}</h1>
      <p className="lead">{t('adminReference.organisations.lead')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error ?? update.error ?? remove.error} />
      {list.data && (
        <>
          <section className="card" aria-labelledby="org-form-heading">
            <h2 id="org-form-heading">
              {editing
                ? t('adminReference.categories.edit', { name: localName(editing.name) })
                : t('adminReference.organisations.new')}
            </h2>
            <OrganisationForm organisations={items} editing={editing} onDone={() => setEditing(null)} />
          </section>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
          <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <table className="data-table">
              <caption id={captionId}>{t('adminReference.organisations.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminReference.categories.name')}</th>
                  <th scope="col">{t('directory.kindLabel')}</th>
                  <th scope="col">{t('adminReference.organisations.parent')}</th>
                  <th scope="col" className="num">
                    {t('adminReference.categories.reports')}
                  </th>
                  <th scope="col" className="num">
                    {t('adminReference.territories.rules')}
                  </th>
                  <th scope="col">{t('adminReference.rules.state')}</th>
                  <th scope="col">{t('adminReference.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/organisations/${o.id}`}>{localName(o.name)}</Link> <code>{o.code}</code>
                    </th>
                    <td>{t(`directory.kind.${o.kind}`)}</td>
                    <td>{nameOf(o.parentId)}</td>
                    <td className="num">{o.reportCount}</td>
                    <td className="num">{o.ruleCount}</td>
                    <td>
                      <span className={`badge ${o.isActive ? 'badge--done' : 'badge--final'}`}>
                        {t(o.isActive ? 'adminReference.active' : 'adminReference.archived')}
                      </span>
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(o)}
                        aria-label={t('adminReference.editNamed', { name: localName(o.name) })}
                      >
                        {t('adminReference.edit')}
                      </button>
                      {o.isActive && (
                        <Link
                          className="button button--secondary button--small"
                          to={`/organisations/${o.id}/edit`}
                          aria-label={t('adminReference.organisations.hoursFor', { name: localName(o.name) })}
                        >
                          {t('adminReference.organisations.hours')}
                        </Link>
                      )}
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => update.mutate({ id: o.id, body: { isActive: !o.isActive } })}
                      >
                        {t(o.isActive ? 'adminReference.archive' : 'adminReference.restore')}
                      </button>
                      {o.reportCount + o.ruleCount + o.staffCount + o.childCount === 0 && (
                        <button
                          type="button"
                          className="button button--danger button--small"
                          onClick={() => remove.mutate(o.id)}
                        >
                          {t('adminReference.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
