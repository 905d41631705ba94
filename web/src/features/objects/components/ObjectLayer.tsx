import L from 'leaflet';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useObjects } from '../api/get-objects';

type Props = { map: L.Map | null; bbox: [number, number, number, number] | undefined };

/** City objects in the map's view (overdue works in red), each linking to its page; off by default. */
export function ObjectLayer({ map, bbox }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [on, setOn] = useState(false);
  const objects = useObjects(bbox, on);

  useEffect(() => {
    if (!map || !on || !objects.data) return;
    const group = L.layerGroup();
    for (const f of objects.data.features) {
      const p = f.properties;
      const colour = p.overdueWorks > 0 ? '#b91c1c' : p.activeWorks > 0 ? '#a16207' : '#15803d';
      const layer = L.geoJSON(f.geometry as GeoJSON.Geometry, {
        style: () => ({ color: colour, weight: 4, fillOpacity: 0.15, dashArray: '4 4' }),
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 8, color: colour, weight: 3 }),
      });
      const popup = document.createElement('div');
      const link = document.createElement('a');
      link.href = `/objects/${f.id}`;
      link.textContent = p.name;
      const meta = document.createElement('p');
      meta.textContent = t(`objects.kinds.${p.kind}`);
      popup.append(link, meta);
      layer.bindPopup(popup);
      layer.addTo(group);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, on, objects.data, t]);

  return (
    <label className="checkbox map-layer-toggle" htmlFor={id}>
      <input id={id} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      {t('objects.layer')}
    </label>
  );
}
