import type { StaffOptions } from '@shared/staff-admin/staff-admin.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../../components/FilterSelect';
import { SearchField } from '../../../components/SearchField';
import { localName } from '../../../lib/format';
import type { StaffFilters as Filters } from '../api/staff-accounts';

type Props = {
  value: Filters;
  options: StaffOptions | undefined;
  onChange: (next: Partial<Filters>) => void;
};

/** Role, organisation, suspended or active, and a search by name or e-mail. */
export function StaffFilters({ value, options, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    onChange({ q: q.trim() || undefined });
  };
  return (
    <search className="filters" aria-label={t('staffAdmin.filters')}>
      <form onSubmit={onSearch}>
        <div className="filters-row">
          <FilterSelect
            id="staff-filter-role"
            label={t('staffAdmin.role')}
            value={value.role ?? ''}
            onChange={(role) => onChange({ role: (role || undefined) as Filters['role'] })}
          >
            <option value="">{t('staffAdmin.allRoles')}</option>
            {(options?.roles ?? []).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            id="staff-filter-org"
            label={t('staffAdmin.organisation')}
            value={value.organisationId ?? ''}
            onChange={(organisationId) => onChange({ organisationId: organisationId || undefined })}
          >
            <option value="">{t('staffAdmin.allOrganisations')}</option>
            {(options?.organisations ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            id="staff-filter-state"
            label={t('staffAdmin.state')}
            value={value.suspended ?? ''}
            onChange={(state) => onChange({ suspended: (state || undefined) as Filters['suspended'] })}
          >
            <option value="">{t('staffAdmin.anyState')}</option>
            <option value="false">{t('staffAdmin.active')}</option>
            <option value="true">{t('staffAdmin.suspended')}</option>
          </FilterSelect>
          <SearchField
            id="staff-filter-q"
            label={t('staffAdmin.search')}
            value={q}
            onChange={setQ}
            placeholder={t('staffAdmin.searchPlaceholder')}
          />
        </div>
      </form>
    </search>
  );
}
