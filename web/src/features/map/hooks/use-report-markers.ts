import type { Clusters } from '@shared/analytics/analytics.schemas.ts';
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { statusTone, toneColour } from '../../reports/status';

/** Beyond this zoom a cluster click goes no further in. */
const maxClusterZoom = 18;

/**
 * Report markers from the server's clusters (GET /api/v1/map/clusters): every matching report in the
 * view at every zoom, grouped on the server's grid. A group shows its count and zooms in when
 * clicked; a single report is a dot in its status colour whose popup links to the report page.
 */
export function useReportMarkers(
  map: L.Map | null,
  clusters: Clusters | undefined,
  onOpen: (id: string) => void,
): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!map || !clusters) return;
    const layer = L.layerGroup().addTo(map);

    const popupFor = (id: string, status: string | undefined): HTMLElement => {
      const box = document.createElement('div');
      box.className = 'marker-popup';
      if (status) {
        const line = document.createElement('span');
        line.textContent = t(`status.${status}`);
        box.append(line, document.createElement('br'));
      }
      const link = document.createElement('a');
      link.href = `/reports/${id}`;
      link.textContent = t('map.openReport');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        onOpen(id);
      });
      box.append(link);
      return box;
    };

    for (const f of clusters.features) {
      const [lon, lat] = f.geometry.coordinates;
      const { count, id, status } = f.properties;
      if (count === 1 && id) {
        L.circleMarker([lat, lon], {
          radius: 8,
          color: '#ffffff',
          weight: 2,
          fillColor: status ? toneColour[statusTone[status]] : '#1f5fa8',
          fillOpacity: 1,
          // Told apart from the notices' and objects' shapes drawn in the same pane.
          className: 'report-marker',
        })
          .bindPopup(() => popupFor(id, status))
          .addTo(layer);
        continue;
      }
      const size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 48 : 56;
      L.marker([lat, lon], {
        title: t('map.cluster', { count }),
        keyboard: true,
        icon: L.divIcon({
          className: 'cluster-marker',
          html: `<span aria-hidden="true" data-count="${count}">${count}</span>`,
          iconSize: [size, size],
        }),
      })
        .on('click', () => map.setView([lat, lon], Math.min(map.getZoom() + 2, maxClusterZoom)))
        .addTo(layer);
    }
    return () => {
      layer.remove();
    };
  }, [map, clusters, onOpen, t]);
}
