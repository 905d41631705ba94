import type { Territory } from '@shared/reference/reference.schemas.ts';
import L from 'leaflet';
import { useEffect } from 'react';

/** Draws district boundaries; they do not take clicks, so picking a point inside one still works. */
export function useBoundaries(map: L.Map | null, territories: Territory[] | undefined): void {
  useEffect(() => {
    if (!map || !territories) return;
    const layer = L.layerGroup();
    for (const territory of territories) {
      if (territory.kind === 'region' || !territory.geometry) continue;
      const shape = L.geoJSON(territory.geometry as GeoJSON.GeoJsonObject, {
        interactive: false,
        style: {
          color: '#0b4f9c',
          weight: 1.5,
          opacity: 0.7,
          fillColor: '#0b4f9c',
          fillOpacity: 0.04,
          // A stable hook per district (styling, and end-to-end tests that click inside one).
          className: `district-boundary district-${territory.code}`,
        },
      });
      shape.addTo(layer);
    }
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, territories]);
}
