import type L from 'leaflet';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useClusters } from '../../map/api/get-clusters';
import { NoticeLayer } from '../../notices/components/NoticeLayer';
import { ObjectLayer } from '../../objects/components/ObjectLayer';
import { usePublicConfig } from '../../reference/api/get-config';
import { type ReportsQuery, useReports } from '../api/get-reports';
import { type Filters, ReportFilters, statusParam } from '../components/ReportFilters';
import { ReportList } from '../components/ReportList';
import { ReportsMap } from '../components/ReportsMap';

const listPageSize = 20;

type Bbox = [number, number, number, number];

export function MapRoute() {
  const { t } = useTranslation();
  usePageTitle(t('mapPage.title'));
  const navigate = useNavigate();
  const [params, setParams] = useFilterParams();
  const [bbox, setBbox] = useState<Bbox | undefined>();
  const [zoom, setZoom] = useState(11);
  const [map, setMap] = useState<L.Map | null>(null);
  const config = usePublicConfig();

  const filters: Filters = {
    status: params.get('status') ?? '',
    category: params.get('category') ?? '',
    territory: params.get('territory') ?? '',
    q: params.get('q') ?? '',
  };
  const onlyInView = params.get('area') !== 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const base: ReportsQuery = {
    status: statusParam(filters.status),
    category: filters.category || undefined,
    territory: filters.territory || undefined,
    q: filters.q || undefined,
  };
  // Every matching report in the view, clustered by the server (the text search narrows the list only).
  const clusters = useClusters(
    bbox
      ? { bbox, zoom, status: base.status, categoryId: base.category, territoryId: base.territory }
      : undefined,
  );
  // Without a map (its settings failed to load) the list falls back to the whole region.
  const mapBroken = config.isError;
  const listQuery = useReports(
    { ...base, bbox: onlyInView && !mapBroken ? bbox : undefined, page, pageSize: listPageSize },
    !onlyInView || bbox !== undefined || mapBroken,
  );

  const update = (next: Partial<Filters> & { page?: number; area?: string }) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === '' || value === undefined || (key === 'page' && value === 1)) p.delete(key);
      else p.set(key, String(value));
    }
    if (next.page === undefined) p.delete('page');
    setParams(p, { replace: true });
  };

  // A new map view is a new result set: start its list from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of view resets the page.
  useEffect(() => {
    if (onlyInView && params.has('page')) {
      const p = new URLSearchParams(params);
      p.delete('page');
      setParams(p, { replace: true, flushSync: false });
    }
  }, [bbox]);

  const onOpen = useCallback((id: string) => navigate(`/reports/${id}`), [navigate]);
  const onView = useCallback((b: Bbox, z: number) => {
    setBbox(b);
    setZoom(z);
  }, []);

  return (
    <div className="map-page">
      <div className="map-page__head container">
        <h1>{t('mapPage.title')}</h1>
        <ReportFilters value={filters} onChange={(f) => update(f)} />
      </div>
      <div className="map-page__body">
        <section className="map-page__map" aria-labelledby="map-heading">
          <h2 id="map-heading" className="visually-hidden">
            {t('mapPage.mapHeading')}
          </h2>
          <ReportsMap
            clusters={clusters.data}
            territoryId={filters.territory}
            map={map}
            onMap={setMap}
            onView={onView}
            onOpen={onOpen}
          />
          <fieldset className="map-layers">
            <legend>{t('mapPage.layers')}</legend>
            <NoticeLayer map={map} bbox={bbox} />
            <ObjectLayer map={map} bbox={bbox} />
          </fieldset>
          {clusters.data && (
            <p className="map-caption" role="status" data-total={clusters.data.total}>
              {t('mapPage.onMap', { count: clusters.data.total })}
              {filters.q ? ` ${t('mapPage.searchListOnly')}` : ''}
            </p>
          )}
        </section>
        <section className="map-page__list" aria-labelledby="list-heading">
          <div className="list-head">
            <h2 id="list-heading">{t('mapPage.listHeading')}</h2>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={onlyInView}
                onChange={(e) => update({ area: e.target.checked ? '' : 'all' })}
              />
              {t('mapPage.onlyInView')}
            </label>
          </div>
          <ReportList
            data={listQuery.data}
            isPending={listQuery.isPending}
            isStale={listQuery.isPlaceholderData}
            error={listQuery.error}
            onPage={(p) => update({ page: p })}
            emptyText={t('mapPage.empty')}
          />
        </section>
      </div>
    </div>
  );
}
