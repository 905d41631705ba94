import type L from 'leaflet';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { usePointPicker } from '../../map/hooks/use-point-picker';
import { usePublicConfig } from '../../reference/api/get-config';
import { useTerritories } from '../../reference/api/get-territories';

export function MiniMap({ lat, lon }: { lat: number; lon: number }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  const [map, setMap] = useState<L.Map | null>(null);
  const point = useMemo(() => ({ lat, lon }), [lat, lon]);
  const view = useMemo(() => ({ lat, lon, zoom: 15 }), [lat, lon]);
  useBoundaries(map, territories.data);
  usePointPicker(map, point, null);
  if (!config.data) return null;
  return (
    <BaseMap
      config={config.data}
      label={t('map.reportLocation')}
      view={view}
      onMap={setMap}
      className="map-frame--mini"
    />
  );
}
