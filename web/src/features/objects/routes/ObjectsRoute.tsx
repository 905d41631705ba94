import { cityObjectKinds, objectWorksFilters } from '@shared/objects/objects.schemas.ts';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FilterSelect } from '../../../components/FilterSelect';
import { Loading } from '../../../components/Loading';
import { Pagination } from '../../../components/Pagination';
import { SearchField } from '../../../components/SearchField';
import { usePageTitle } from '../../../components/use-page-title';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMe } from '../../auth/api/get-me';
import { OBJECTS_PAGE_SIZE, useObjectSearch } from '../api/search-objects';
import { objectEditorRoles } from '../roles';

type Filter = { q: string; kind: string; works: string; following: boolean; page: number };

/**
 * The catalogue of city objects: a resident finds their school, yard or street by name or address
 * (the map shows objects only where it is looking), sees what works are planned, under way, done or
 * late there, and finds again the objects they follow.
 */
export function ObjectsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('objects.catalogue.title'));
  const { data: me } = useMe();
  const [params, setParams] = useFilterParams();
  const filter: Filter = {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    works: params.get('works') ?? '',
    following: Boolean(me) && params.get('following') === 'true',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const [draft, setDraft] = useState(filter.q);
  // "Only those I follow" and nothing else, found empty: the resident follows nothing yet.
  const followsNothing = filter.following && !filter.q && !filter.kind && !filter.works;
  const found = useObjectSearch(filter);

  // Any change of the filter starts again at the first page.
  const apply = (next: Partial<Filter>) => {
    const f = { ...filter, page: 1, ...next };
    setParams({
      ...(f.q ? { q: f.q } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.works ? { works: f.works } : {}),
      ...(f.following ? { following: 'true' } : {}),
      ...(f.page > 1 ? { page: String(f.page) } : {}),
    });
  };

  return (
    <div className="page notices-ui">
      <div className="page-head">
        <h1>{t('objects.catalogue.title')}</h1>
        {me && objectEditorRoles.includes(me.role) && (
          <div className="page-head__actions">
            <Link className="button button--small" to="/objects/new">
              {t('objects.new.link')}
            </Link>
          </div>
        )}
      </div>
      <p className="lead">{t('objects.catalogue.intro')}</p>
      <search className="filters" aria-label={t('filters.label')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply({ q: draft.trim() });
          }}
        >
          <div className="filters-row">
            <FilterSelect
              id="objects-kind"
              label={t('objects.fields.kind')}
              value={filter.kind}
              onChange={(kind) => apply({ kind })}
            >
              <option value="">{t('objects.catalogue.allKinds')}</option>
              {cityObjectKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`objects.kinds.${k}`)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="objects-works"
              label={t('objects.works.heading')}
              value={filter.works}
              onChange={(works) => apply({ works })}
            >
              <option value="">{t('objects.catalogue.anyWorks')}</option>
              {objectWorksFilters.map((w) => (
                <option key={w} value={w}>
                  {t(`objects.catalogue.works.${w}`)}
                </option>
              ))}
            </FilterSelect>
            {me && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={filter.following}
                  onChange={(e) => apply({ following: e.target.checked })}
                />
                {t('objects.catalogue.following')}
              </label>
            )}
            <SearchField
              id="objects-q"
              label={t('objects.catalogue.searchLabel')}
              value={draft}
              onChange={setDraft}
              placeholder={t('objects.catalogue.searchPlaceholder')}
            />
          </div>
        </form>
      </search>
      <ErrorMessage error={found.error} />
      {found.isPending && <Loading />}
      {found.data && (
        <p aria-live="polite">
          {found.data.total === 0
            ? t(followsNothing ? 'objects.catalogue.noneFollowed' : 'objects.catalogue.nothingFound')
            : t('objects.catalogue.found', { count: found.data.total })}
        </p>
      )}
      <ul className="card-list" aria-busy={found.isFetching}>
        {(found.data?.items ?? []).map((o) => (
          <li key={o.id} className="card">
            <h2 className="card__title">
              <Link to={`/objects/${o.id}`}>{o.name}</Link>
            </h2>
            <p>
              <span className="badge">{t(`objects.kinds.${o.kind}`)}</span>
              {o.address && ` ${o.address}`}
              {o.following && <span className="muted"> · {t('objects.catalogue.youFollow')}</span>}
            </p>
            <WorksLine works={o.works} />
          </li>
        ))}
      </ul>
      {found.data && (
        <Pagination
          page={filter.page}
          pageSize={OBJECTS_PAGE_SIZE}
          total={found.data.total}
          onPage={(page) => apply({ page })}
        />
      )}
    </div>
  );
}

/** An object's works by state, with the late ones marked; "no works" when there are none. */
function WorksLine({
  works,
}: {
  works: { planned: number; inProgress: number; completed: number; overdue: number };
}) {
  const { t } = useTranslation();
  const states = [
    ['in_progress', works.inProgress],
    ['planned', works.planned],
    ['completed', works.completed],
  ] as const;
  const shown = states.filter(([, n]) => n > 0);
  if (shown.length === 0) return <p className="muted">{t('objects.works.none')}</p>;
  return (
    <p>
      {shown.map(([state, n]) => (
        <Fragment key={state}>
          <span className={`badge badge--work-${state}`}>
            {t(`objects.workStatus.${state}`)}: {n}
          </span>{' '}
        </Fragment>
      ))}
      {works.overdue > 0 && (
        <strong className="badge badge--overdue">
          {t('objects.works.overdue')}: {works.overdue}
        </strong>
      )}
    </p>
  );
}
