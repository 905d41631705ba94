import type { AdminOrganisation } from '@shared/reference/organisations-admin.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { Page } from '../../../components/Page';
import { ActiveBadge, ArchiveButton, RowButton } from '../../../components/RowActions';
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
  const list = useAdminOrganisations();
  const update = useUpdateOrganisation();
  const remove = useDeleteOrganisation();
  const [editing, setEditing] = useState<AdminOrganisation | null>(null);
  const items = list.data?.items ?? [];
  const nameOf = (id: string | null) => {
    const found = items.find((o) => o.id === id);
    return found ? localName(found.name) : '—';
  };
  return (
    <Page
      title={t('adminReference.organisations.title')}
      lead={t('adminReference.organisations.lead')}
      loading={list.isPending}
      error={list.error ?? update.error ?? remove.error}
    >
      {list.data && (
        <>
          <Card
            title={
              editing
                ? t('adminReference.categories.edit', { name: localName(editing.name) })
                : t('adminReference.organisations.new')
            }
          >
            <OrganisationForm organisations={items} editing={editing} onDone={() => setEditing(null)} />
          </Card>
          <DataTable
            caption={t('adminReference.organisations.caption')}
            columns={[
              { label: t('adminReference.categories.name') },
              { label: t('directory.kindLabel') },
              { label: t('adminReference.organisations.parent') },
              { label: t('adminReference.categories.reports'), numeric: true },
              { label: t('adminReference.territories.rules'), numeric: true },
              { label: t('adminReference.rules.state') },
              { label: t('adminReference.actions') },
            ]}
          >
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
                  <ActiveBadge active={o.isActive} />
                </td>
                <td className="row-actions">
                  <RowButton
                    onClick={() => setEditing(o)}
                    label={t('adminReference.editNamed', { name: localName(o.name) })}
                  >
                    {t('adminReference.edit')}
                  </RowButton>
                  {o.isActive && (
                    <Link
                      className="button button--secondary button--small"
                      to={`/organisations/${o.id}/edit`}
                      aria-label={t('adminReference.organisations.hoursFor', { name: localName(o.name) })}
                    >
                      {t('adminReference.organisations.hours')}
                    </Link>
                  )}
                  <ArchiveButton
                    active={o.isActive}
                    onToggle={() => update.mutate({ id: o.id, body: { isActive: !o.isActive } })}
                  />
                  {o.reportCount + o.ruleCount + o.staffCount + o.childCount === 0 && (
                    <RowButton danger onClick={() => remove.mutate(o.id)}>
                      {t('adminReference.delete')}
                    </RowButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Page>
  );
}
