import { choroplethMetrics } from '@shared/analytics/analytics.schemas.ts';
import L from 'leaflet';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatPercent, localName } from '../../../lib/format';
import type { Bbox } from '../../map/api/get-clusters';
import { BaseMap } from '../../map/components/BaseMap';
import { usePublicConfig } from '../../reference/api/get-config';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { type ChoroplethMetric, useChoropleth } from '../api/get-choropleth';
import type { AnalyticsFilters } from '../api/get-dashboard';
import { useHeat } from '../api/get-heat';

/** Five classes, light to dark: the legend and the fills share them. */
const palette = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const shares = new Set<ChoroplethMetric>(['answeredOnTimeShare', 'disputeRate']);

function classes(values: number[]): number[] {
  if (!values.length) return [];
  const sorted = [...values].sort((a, b) => a - b);
  // Quintile breaks of the districts' values: every class holds about as many districts.
  return [1, 2, 3, 4].map((k) => sorted[Math.floor((k * sorted.length) / 5)] ?? sorted[sorted.length - 1]!);
}

const classOf = (v: number, breaks: number[]) => breaks.filter((b) => v >= b).length;

/**
 * Districts coloured by a chosen figure, with its legend and a table of the values (so it reads
 * without tiles, colour or a mouse), and an optional heat layer of the reports in view.
 */
export function DistrictMap({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<ChoroplethMetric>('received');
  const [heatOn, setHeatOn] = useState(false);
  const [map, setMap] = useState<L.Map | null>(null);
  const [view, setView] = useState<{ bbox: Bbox; zoom: number }>();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  const figures = useChoropleth(filters, metric);
  const heat = useHeat(filters, view, heatOn);
  const show = useCallback(
    (v: number | null) =>
      v === null
        ? '—'
        : shares.has(metric)
          ? formatPercent(v, 1)
          : metric === 'meanRating'
            ? v.toFixed(2)
            : String(v),
    [metric],
  );

  const values = useMemo(
    () => new Map(figures.data?.items.map((i) => [i.territoryId, i.value])),
    [figures.data],
  );
  const breaks = useMemo(
    () => classes([...values.values()].filter((v): v is number => v !== null)),
    [values],
  );

  useEffect(() => {
    if (!map) return;
    const report = () => {
      const b = map.getBounds();
      setView({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
    };
    report();
    map.on('moveend', report);
    return () => {
      map.off('moveend', report);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !territories.data) return;
    const layer = L.layerGroup();
    for (const d of territories.data) {
      if (d.kind === 'region' || !d.geometry) continue;
      const v = values.get(d.id) ?? null;
      L.geoJSON(d.geometry as GeoJSON.GeoJsonObject, {
        style: {
          color: '#0b4f9c',
          weight: 1,
          fillColor: v === null ? '#cccccc' : palette[classOf(v, breaks)],
          fillOpacity: 0.7,
          className: `choropleth-district district-${d.code}`,
        },
      })
        .bindTooltip(`${localName(d.name)}: ${show(v)}`)
        .addTo(layer);
    }
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, territories.data, values, breaks, show]);

  useEffect(() => {
    if (!map || !heatOn || !heat.data) return;
    const max = Math.max(1, ...heat.data.points.map((p) => p[2]));
    const layer = L.layerGroup();
    for (const [lat, lon, n] of heat.data.points) {
      L.circleMarker([lat, lon], {
        radius: 6 + 14 * Math.sqrt(n / max),
        stroke: false,
        fillColor: '#d7301f',
        fillOpacity: 0.15 + 0.5 * (n / max),
        interactive: false,
      }).addTo(layer);
    }
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, heatOn, heat.data]);

  const districts = districtsOf(territories.data ?? []);
  return (
    <section aria-labelledby="district-map-heading" className="panel">
      <h2 id="district-map-heading">{t('analytics.districtMap')}</h2>
      <div className="toolbar">
        <label className="field field--inline">
          <span>{t('analytics.colourBy')}</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as ChoroplethMetric)}>
            {choroplethMetrics.map((m) => (
              <option key={m} value={m}>
                {t(`analytics.figure.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={heatOn} onChange={(e) => setHeatOn(e.target.checked)} />
          {t('analytics.heat')}
        </label>
      </div>
      {config.isError && <ErrorMessage error={config.error} />}
      {config.data ? (
        <BaseMap config={config.data} label={t('analytics.districtMap')} onMap={setMap} />
      ) : (
        !config.isError && <Loading label={t('map.loading')} />
      )}
      <ul className="legend" aria-label={t('analytics.legend')}>
        {palette.map((colour, i) => (
          <li key={colour}>
            <span className="legend__swatch" style={{ background: colour }} aria-hidden="true" />
            {i === 0
              ? `< ${show(breaks[0] ?? null)}`
              : i === palette.length - 1
                ? `≥ ${show(breaks[i - 1] ?? null)}`
                : `${show(breaks[i - 1] ?? null)} – ${show(breaks[i] ?? null)}`}
          </li>
        ))}
        <li>
          <span className="legend__swatch" style={{ background: '#cccccc' }} aria-hidden="true" />
          {t('analytics.noData')}
        </li>
      </ul>
      <details>
        <summary>{t('analytics.districtTable')}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('analytics.district')}</th>
              <th scope="col">{t(`analytics.figure.${metric}`)}</th>
            </tr>
          </thead>
          <tbody>
            {districts.map((d) => (
              <tr key={d.id}>
                <th scope="row">{localName(d.name)}</th>
                <td>{show(values.get(d.id) ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
