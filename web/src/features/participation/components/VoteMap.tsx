import type { VoteItem } from '@shared/participation/votes.schemas.ts';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { type Point, usePointPicker } from '../../map/hooks/use-point-picker';
import { usePublicConfig } from '../../reference/api/get-config';
import { useTerritories } from '../../reference/api/get-territories';
import type { Vertex } from './item-geometry';

type Props = {
  label: string;
  items: VoteItem[];
  chosen?: ReadonlySet<string>;
  /** Choosing on the map: a marker (or a line) toggles its item. */
  onToggle?: ((id: string) => void) | null;
  /** Proposing: a click places the point (or, drawing a line, its next vertex). */
  point?: Point | null;
  onPick?: ((p: Point) => void) | null;
  /** Proposing a line: its vertices so far ([lon, lat]), drawn dashed until `lineFinished`. */
  line?: Vertex[] | null;
  lineFinished?: boolean;
  /** The Leaflet map, for controls outside it (e.g. "add the map's centre"). */
  onMap?: ((map: L.Map | null) => void) | null;
};

/** Where a line's handle goes: its middle vertex. */
function anchorOf(item: VoteItem): [number, number] | null {
  const g = item.geometry;
  if (!g) return null;
  if (g.type === 'Point') return [g.coordinates[1], g.coordinates[0]];
  const mid = g.coordinates[Math.floor(g.coordinates.length / 2)]!;
  return [mid[1], mid[0]];
}

/**
 * The items of a vote on the map: points as markers, road sections as lines with a marker in the
 * middle. Markers are buttons (Tab, Enter), named by their item, pressed when chosen.
 */
export function VoteMap({
  label,
  items,
  chosen,
  onToggle,
  point = null,
  onPick = null,
  line = null,
  lineFinished = false,
  onMap = null,
}: Props) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  const [map, setMap] = useState<L.Map | null>(null);
  const toggle = useRef(onToggle);
  toggle.current = onToggle;
  const onMapRef = useRef(onMap);
  onMapRef.current = onMap;
  useBoundaries(map, territories.data);
  usePointPicker(map, point, onPick);
  useEffect(() => onMapRef.current?.(map), [map]);

  // The line being drawn: dashed while open, solid once finished, with a dot on every vertex.
  useEffect(() => {
    if (!map || !line || line.length === 0) return;
    const layer = L.layerGroup().addTo(map);
    const latLngs = line.map(([lon, lat]) => [lat, lon] as [number, number]);
    L.polyline(latLngs, {
      color: '#c2410c',
      weight: 5,
      opacity: 0.9,
      interactive: false,
      ...(lineFinished ? {} : { dashArray: '8 8' }),
    }).addTo(layer);
    for (const at of latLngs)
      L.circleMarker(at, {
        radius: 6,
        color: '#ffffff',
        weight: 2,
        fillColor: '#c2410c',
        fillOpacity: 1,
        interactive: false,
      }).addTo(layer);
    return () => {
      layer.remove();
    };
  }, [map, line, lineFinished]);

  // Show all the items (not the whole region) when they first arrive or change.
  useEffect(() => {
    if (!map) return;
    const anchors = items.map(anchorOf).filter((a): a is [number, number] => a !== null);
    if (anchors.length > 0) map.fitBounds(L.latLngBounds(anchors), { padding: [40, 40], maxZoom: 16 });
  }, [map, items]);

  useEffect(() => {
    if (!map) return;
    const layer = L.layerGroup().addTo(map);
    for (const item of items) {
      const anchor = anchorOf(item);
      if (!anchor) continue;
      const on = chosen?.has(item.id) ?? false;
      const colour = on ? '#15803d' : '#1d4ed8';
      if (item.geometry?.type === 'LineString') {
        const line = L.polyline(
          item.geometry.coordinates.map(([lon, lat]) => [lat, lon] as [number, number]),
          { color: colour, weight: on ? 7 : 5, opacity: 0.85 },
        ).addTo(layer);
        line.on('click', () => toggle.current?.(item.id));
      }
      const marker = L.marker(anchor, {
        keyboard: Boolean(toggle.current),
        title: item.title,
        alt: item.title,
        icon: L.divIcon({
          className: `vote-marker${on ? ' vote-marker--chosen' : ''}`,
          html: on ? '✓' : '',
          iconSize: [26, 26],
        }),
      }).addTo(layer);
      const element = marker.getElement();
      if (element && toggle.current) {
        element.setAttribute('aria-pressed', String(on));
        element.setAttribute(
          'aria-label',
          `${item.title}: ${on ? t('participation.chosen') : t('participation.notChosen')}`,
        );
      }
      marker.on('click', () => toggle.current?.(item.id));
    }
    return () => {
      layer.remove();
    };
  }, [map, items, chosen, t]);

  if (!config.data) return null;
  return <BaseMap config={config.data} label={label} onMap={setMap} className="map-frame--vote" />;
}
