import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../map/components/BaseMap';
import { usePublicConfig } from '../../reference/api/get-config';

type Geometry = { type: string; coordinates?: unknown };

/**
 * Where the object is — a park's outline, a road section's line, a school's point — fitted to it at
 * once (the page opens there; no zoom from the whole city).
 */
export function ObjectMap({ geometry, label }: { geometry: Geometry; label: string }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const [map, setMap] = useState<L.Map | null>(null);

  useEffect(() => {
    if (!map) return;
    const layer = L.geoJSON(geometry as GeoJSON.Geometry, {
      style: () => ({ color: '#0b4f9c', weight: 5, fillOpacity: 0.2 }),
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 9, color: '#0b4f9c', weight: 3 }),
    }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16, padding: [24, 24], animate: false });
    return () => {
      layer.remove();
    };
  }, [map, geometry]);

  if (!config.data) return <p className="muted">{t('map.loading')}</p>;
  return <BaseMap config={config.data} label={label} onMap={setMap} className="map-frame--mini" />;
}
