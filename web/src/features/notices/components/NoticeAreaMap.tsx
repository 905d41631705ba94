import type { NoticeKind } from '@shared/notices/notices.schemas.ts';
import type L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { usePublicConfig } from '../../reference/api/get-config';
import { useTerritories } from '../../reference/api/get-territories';
import { areaLayer } from './notice-style';

export type AreaFeature = {
  id: string;
  geometry: { type: string; coordinates?: unknown };
  kind: NoticeKind;
  bufferMeters: number;
};

/**
 * A map with the areas of one or more notices, fitted to them. The districts are drawn too: with no
 * notice (or no tiles) they are what tells a reader which part of the region the map shows.
 */
export function NoticeAreaMap({ items, label }: { items: AreaFeature[]; label: string }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  const [map, setMap] = useState<L.Map | null>(null);
  useBoundaries(map, territories.data);

  useEffect(() => {
    if (!map || items.length === 0) return;
    const layers = items.map((f) => areaLayer(f.geometry, f.kind, f.bufferMeters).addTo(map));
    const bounds = layers[0]!.getBounds();
    for (const l of layers.slice(1)) bounds.extend(l.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16, padding: [16, 16] });
    return () => {
      for (const l of layers) l.remove();
    };
  }, [map, items]);

  if (!config.data) return <p className="muted">{t('map.loading')}</p>;
  return <BaseMap config={config.data} label={label} onMap={setMap} />;
}
