import type { ReportSummary } from '@shared/reports/reports.schemas.ts';
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format';
import { statusTone, toneColour } from '../../reports/status';

const clusterRadiusPx = 52;
const noClusterZoom = 16;

type Cluster = { lat: number; lon: number; x: number; y: number; items: ReportSummary[] };

/** Greedy clustering: a report joins the first group whose centre is within the radius on screen. */
function cluster(map: L.Map, items: ReportSummary[]): Cluster[] {
  const zoom = map.getZoom();
  const clusters: Cluster[] = [];
  for (const r of items) {
    const p = map.project([r.lat, r.lon], zoom);
    const near =
      zoom >= noClusterZoom
        ? undefined
        : clusters.find((c) => Math.hypot(c.x - p.x, c.y - p.y) < clusterRadiusPx);
    if (!near) {
      clusters.push({ lat: r.lat, lon: r.lon, x: p.x, y: p.y, items: [r] });
      continue;
    }
    near.items.push(r);
    const n = near.items.length;
    near.lat += (r.lat - near.lat) / n;
    near.lon += (r.lon - near.lon) / n;
    near.x += (p.x - near.x) / n;
    near.y += (p.y - near.y) / n;
  }
  return clusters;
}

/** Report markers (grouped when they crowd); a marker's popup links to the report page. */
export function useReportMarkers(
  map: L.Map | null,
  items: ReportSummary[] | undefined,
  onOpen: (id: string) => void,
): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!map || !items) return;
    const layer = L.layerGroup().addTo(map);

    const popupFor = (r: ReportSummary): HTMLElement => {
      const box = document.createElement('div');
      box.className = 'marker-popup';
      const title = document.createElement('strong');
      title.textContent = `${t('report.number', { number: r.number })} · ${localName(r.category.name)}`;
      const status = document.createElement('span');
      status.textContent = t(`status.${r.status}`);
      const link = document.createElement('a');
      link.href = `/reports/${r.id}`;
      link.textContent = t('map.openReport');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        onOpen(r.id);
      });
      box.append(title, document.createElement('br'), status, document.createElement('br'), link);
      return box;
    };

    const draw = () => {
      layer.clearLayers();
      for (const c of cluster(map, items)) {
        const first = c.items[0];
        if (!first) continue;
        if (c.items.length === 1) {
          L.circleMarker([first.lat, first.lon], {
            radius: 8,
            color: '#ffffff',
            weight: 2,
            fillColor: toneColour[statusTone[first.status]],
            fillOpacity: 1,
          })
            .bindPopup(() => popupFor(first))
            .addTo(layer);
          continue;
        }
        const count = c.items.length;
        const size = count < 10 ? 34 : count < 100 ? 40 : 48;
        L.marker([c.lat, c.lon], {
          title: t('map.cluster', { count }),
          icon: L.divIcon({
            className: 'cluster-marker',
            html: `<span aria-hidden="true">${count}</span>`,
            iconSize: [size, size],
          }),
        })
          .on('click', () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, noClusterZoom)))
          .addTo(layer);
      }
    };
    draw();
    map.on('zoomend', draw);
    return () => {
      map.off('zoomend', draw);
      layer.remove();
    };
  }, [map, items, onOpen, t]);
}
