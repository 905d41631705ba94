import type { Clusters } from '@shared/analytics/analytics.schemas.ts';
import type L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { useReportMarkers } from '../../map/hooks/use-report-markers';
import { usePublicConfig } from '../../reference/api/get-config';
import { useTerritories } from '../../reference/api/get-territories';

type Bbox = [number, number, number, number];

type Props = {
  /** The server's clusters of every matching report in the view. */
  clusters: Clusters | undefined;
  /** When a district is chosen in the filters, the map moves to it. */
  territoryId: string;
  map: L.Map | null;
  onMap: (map: L.Map | null) => void;
  onView: (bbox: Bbox, zoom: number) => void;
  onOpen: (id: string) => void;
};

export function ReportsMap({ clusters, territoryId, map, onMap, onView, onOpen }: Props) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  useBoundaries(map, territories.data);
  useReportMarkers(map, clusters, onOpen);

  useEffect(() => {
    if (!map) return;
    const report = () => {
      const b = map.getBounds();
      onView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
    };
    report();
    map.on('moveend', report);
    return () => {
      map.off('moveend', report);
    };
  }, [map, onView]);

  useEffect(() => {
    if (!map || !territoryId) return;
    const district = territories.data?.find((d) => d.id === territoryId);
    if (district) map.setView([district.center.lat, district.center.lon], 12);
  }, [map, territoryId, territories.data]);

  if (config.isError) return <ErrorMessage error={config.error} />;
  if (!config.data) return <Loading label={t('map.loading')} />;
  return (
    <BaseMap config={config.data} label={t('map.reportsLabel')} onMap={onMap} className="map-frame--tall" />
  );
}
