import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../../reference/api/get-config';

type Props = {
  config: PublicConfig;
  /** Accessible name of the map region. */
  label: string;
  /** Start here instead of the whole region. */
  view?: { lat: number; lon: number; zoom: number };
  className?: string;
  onMap: (map: L.Map | null) => void;
};

/**
 * A Leaflet map of the region. Tiles are decoration: when they fail to load (no network, blocked
 * tile server) a small notice says so, while boundaries, markers and clicks keep working.
 */
export function BaseMap({ config, label, view, className, onMap }: Props) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLElement>(null);
  const [tilesUnavailable, setTilesUnavailable] = useState(false);
  const onMapRef = useRef(onMap);
  onMapRef.current = onMap;
  const startView = useRef(view);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once per config; controls keep the language they were made in.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      minZoom: 2,
      maxZoom: 18,
      zoomSnap: 0.5,
    });
    L.control
      .zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut'), position: 'topleft' })
      .addTo(map);
    L.control
      .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
      .addAttribution(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>',
      )
      .addTo(map);
    const v = startView.current;
    if (v) map.setView([v.lat, v.lon], v.zoom);
    // The region's own view (a region setting), else its whole extent.
    else if (config.mapView) map.setView([config.mapView.lat, config.mapView.lon], config.mapView.zoom);
    else if (!config.region) map.fitWorld();
    else {
      const [minLon, minLat, maxLon, maxLat] = config.region.bbox;
      map.fitBounds(
        [
          [minLat, minLon],
          [maxLat, maxLon],
        ],
        { padding: [8, 8] },
      );
    }

    const tiles = L.tileLayer(config.mapTileUrl, { maxZoom: 19, crossOrigin: true });
    tiles.on('tileerror', () => setTilesUnavailable(true));
    tiles.on('tileload', () => setTilesUnavailable(false));
    tiles.addTo(map);

    onMapRef.current(map);
    // The container may change size after layout (e.g. a side panel); keep the tiles in step.
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      onMapRef.current(null);
      // Leaflet 1.9 ends a zoom animation on a 250 ms timer that `remove()` does not clear: a page
      // left within 250 ms of a zoom (a fitted view, a cluster's click) threw "reading
      // '_leaflet_pos'" from the removed map. Marking the animation over makes that timer a no-op.
      (map as unknown as { _animatingZoom: boolean })._animatingZoom = false;
      map.remove();
    };
  }, [config]);

  // Controls are made once with the map; keep their names in the current language.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    for (const [selector, name] of [
      ['.leaflet-control-zoom-in', t('map.zoomIn')],
      ['.leaflet-control-zoom-out', t('map.zoomOut')],
    ] as const) {
      const button = container.querySelector(selector);
      button?.setAttribute('title', name);
      button?.setAttribute('aria-label', name);
    }
  }, [t]);

  return (
    <div className={`map-frame ${className ?? ''}`}>
      <section ref={containerRef} className="map" aria-label={label} />
      {tilesUnavailable && (
        <p className="map-notice" role="status">
          {t('map.tilesUnavailable')}
        </p>
      )}
    </div>
  );
}
