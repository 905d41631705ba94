import { reportStatuses } from '@shared/reports/report-states.ts';
import { reportSorts } from '@shared/reports/reports.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../../components/FilterSelect';
import { SearchField } from '../../../components/SearchField';
import { localName } from '../../../lib/format';
import { useOrganisations } from '../../reference/api/get-organisations';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import type { WorkQuery } from '../work-query';

type Props = { value: WorkQuery; onChange: (next: Partial<WorkQuery>) => void };

/**
 * The work list's search (words of the text, or a report's number), order and filters: status,
 * subject, district, organisation, overdue, assignee.
 */
export function WorkFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    onChange({ q: q.trim() });
  };
  const territories = useTerritories();
  const organisations = useOrganisations(value.queue !== 'organisation');
  const select = (
    id: string,
    label: string,
    current: string,
    change: (v: string) => void,
    options: React.ReactNode,
  ) => (
    <FilterSelect id={id} label={label} value={current} onChange={change}>
      {options}
    </FilterSelect>
  );
  return (
    <search className="filters work-filters" aria-label={t('workspace.filtersLabel')}>
      <form onSubmit={onSearch} className="work-search">
        <SearchField
          id="work-q"
          label={t('workspace.searchLabel')}
          value={q}
          onChange={setQ}
          placeholder={t('workspace.searchPlaceholder')}
        />
      </form>
      <div className="filters-row">
        {value.q ? (
          // A search lists the best matches first: the order is the search's own.
          <FilterSelect
            id="work-sort"
            label={t('workspace.sortLabel')}
            value="relevance"
            onChange={() => {}}
            disabled
          >
            <option value="relevance">{t('workspace.sortRelevance')}</option>
          </FilterSelect>
        ) : (
          select(
            'work-sort',
            t('workspace.sortLabel'),
            value.sort,
            (v) => onChange({ sort: v as WorkQuery['sort'] }),
            reportSorts.map((s) => (
              <option key={s} value={s}>
                {t(`workspace.sort.${s}`)}
              </option>
            )),
          )
        )}
        {select(
          'work-status',
          t('filters.status'),
          value.status,
          (v) => onChange({ status: v }),
          <>
            <option value="">{t('filters.all')}</option>
            {reportStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </>,
        )}
        {select(
          'work-category',
          t('filters.category'),
          value.category,
          (v) => onChange({ category: v }),
          <>
            <option value="">{t('filters.all')}</option>
            <CategoryOptions />
          </>,
        )}
        {select(
          'work-territory',
          t('filters.district'),
          value.territory,
          (v) => onChange({ territory: v }),
          <>
            <option value="">{t('filters.allDistricts')}</option>
            {districtsOf(territories.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {localName(d.name)}
              </option>
            ))}
          </>,
        )}
        {value.queue !== 'organisation' &&
          select(
            'work-organisation',
            t('workspace.organisation'),
            value.organisation,
            (v) => onChange({ organisation: v }),
            <>
              <option value="">{t('filters.all')}</option>
              {(organisations.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o.name)}
                </option>
              ))}
            </>,
          )}
        {select(
          'work-overdue',
          t('workspace.overdueLabel'),
          value.overdue,
          (v) => onChange({ overdue: v as WorkQuery['overdue'] }),
          <>
            <option value="">{t('filters.all')}</option>
            <option value="true">{t('workspace.overdueOnly')}</option>
            <option value="false">{t('workspace.notOverdue')}</option>
          </>,
        )}
        {select(
          'work-assignee',
          t('workspace.assigneeLabel'),
          value.assignee,
          (v) => onChange({ assignee: v }),
          <>
            <option value="">{t('workspace.assigneeAny')}</option>
            <option value="me">{t('workspace.assigneeMe')}</option>
            <option value="none">{t('workspace.assigneeNone')}</option>
          </>,
        )}
      </div>
    </search>
  );
}
