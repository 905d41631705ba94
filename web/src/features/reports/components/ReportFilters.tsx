import { reportStatuses } from '@shared/reports/report-states.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../../components/FilterSelect';
import { SearchField } from '../../../components/SearchField';
import { localName } from '../../../lib/format';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import { statusPresets } from '../status';

export type Filters = { status: string; category: string; territory: string; q: string };

type Props = { value: Filters; onChange: (next: Partial<Filters>) => void };

/** Status (a preset or one status), subject, district and free-text search. */
export function ReportFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const territories = useTerritories();
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    onChange({ q: q.trim() });
  };

  return (
    <search className="filters" aria-label={t('filters.label')}>
      <form onSubmit={onSearch}>
        <div className="filters-row">
          <FilterSelect
            id="filter-status"
            label={t('filters.status')}
            value={value.status}
            onChange={(status) => onChange({ status })}
          >
            <option value="">{t('filters.all')}</option>
            {Object.keys(statusPresets).map((preset) => (
              <option key={preset} value={preset}>
                {t(`filters.preset.${preset}`)}
              </option>
            ))}
            <optgroup label={t('filters.byStatus')}>
              {reportStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </optgroup>
          </FilterSelect>
          <FilterSelect
            id="filter-category"
            label={t('filters.category')}
            value={value.category}
            onChange={(category) => onChange({ category })}
          >
            <option value="">{t('filters.all')}</option>
            <CategoryOptions />
          </FilterSelect>
          <FilterSelect
            id="filter-territory"
            label={t('filters.district')}
            value={value.territory}
            onChange={(territory) => onChange({ territory })}
          >
            <option value="">{t('filters.allDistricts')}</option>
            {districtsOf(territories.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {localName(d.name)}
              </option>
            ))}
          </FilterSelect>
          <SearchField
            id="filter-q"
            label={t('filters.search')}
            value={q}
            onChange={setQ}
            placeholder={t('filters.searchPlaceholder')}
            minLength={2}
          />
        </div>
      </form>
    </search>
  );
}

/** The `status` query parameter for a filter value: a preset expands to its statuses. */
export function statusParam(value: string): string[] | undefined {
  if (!value) return undefined;
  const preset = statusPresets[value];
  return preset ? [...preset] : [value];
}
