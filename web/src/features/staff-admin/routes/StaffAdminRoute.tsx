import type { StaffAccount } from '@shared/staff-admin/staff-admin.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { Page } from '../../../components/Page';
import { Pagination } from '../../../components/Pagination';
import { useFilterParams } from '../../../lib/use-filter-params';
import {
  type StaffFilters as Filters,
  useStaffList,
  useStaffOptions,
  useSuspendStaff,
} from '../api/staff-accounts';
import { InvitationsTable } from '../components/InvitationsTable';
import { InviteForm } from '../components/InviteForm';
import { StaffEditForm } from '../components/StaffEditForm';
import { StaffFilters } from '../components/StaffFilters';
import { StaffImport } from '../components/StaffImport';
import { StaffTable } from '../components/StaffTable';

const filterKeys = ['role', 'organisationId', 'suspended', 'q'] as const;

/**
 * Staff accounts (admins; curators see the operators of their territory): the list with filters,
 * role and scope changes, suspension, the invitation form, CSV import and the open invitations.
 * The filters live in the address, so a filtered list can be bookmarked and shared.
 */
export function StaffAdminRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useFilterParams();
  const filters: Filters = {
    ...Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const list = useStaffList(filters);
  const options = useStaffOptions();
  const suspend = useSuspendStaff();
  const [editing, setEditing] = useState<StaffAccount | null>(null);

  const setFilters = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next, page: 'page' in next ? next.page : 1 };
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(merged))
      if (v && !(k === 'page' && v === 1)) search.set(k, String(v));
    setParams(search);
  };

  return (
    <Page
      title={t('staffAdmin.title')}
      lead={t('staffAdmin.lead')}
      loading={list.isPending}
      error={list.error ?? options.error ?? suspend.error}
    >
      {/* The forms come after the list; these links reach them at once (and by keyboard). */}
      <p>
        <a href="#staff-invite-heading">{t('staffAdmin.inviteTitle')}</a>
        {' · '}
        <a href="#staff-import-heading">{t('staffAdmin.importTitle')}</a>
      </p>
      <StaffFilters value={filters} options={options.data} onChange={setFilters} />
      {editing && options.data && (
        <Card title={t('staffAdmin.editTitle', { name: editing.name })}>
          <StaffEditForm account={editing} options={options.data} onDone={() => setEditing(null)} />
        </Card>
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('staffAdmin.empty')}</p>
        ) : (
          <>
            <StaffTable
              items={list.data.items}
              total={list.data.total}
              onEdit={setEditing}
              onSuspend={(a, s) => suspend.mutate({ id: a.id, suspend: s })}
            />
            <Pagination
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              onPage={(page) => setFilters({ page })}
            />
          </>
        ))}
      {options.data && (
        <Card title={t('staffAdmin.inviteTitle')} headingId="staff-invite-heading">
          <p className="hint">{t('staffAdmin.inviteHint')}</p>
          <InviteForm options={options.data} />
        </Card>
      )}
      <Card title={t('staffAdmin.importTitle')} headingId="staff-import-heading">
        <StaffImport />
      </Card>
      <section aria-labelledby="staff-invitations-heading">
        <h2 id="staff-invitations-heading">{t('staffAdmin.invitationsTitle')}</h2>
        <InvitationsTable />
      </section>
    </Page>
  );
}
