import L from 'leaflet';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format';
import { useNotices } from '../api/get-notices';
import { areaLayer } from './notice-style';

type Props = { map: L.Map | null; bbox: [number, number, number, number] | undefined };

/**
 * The notices in force in the map's view, drawn with their areas, each with a link to its page;
 * a checkbox switches the layer on and off. Mounted by the map page beside the reports.
 */
export function NoticeLayer({ map, bbox }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [on, setOn] = useState(true);
  const notices = useNotices({ bbox }, on && bbox !== undefined);

  useEffect(() => {
    if (!map || !on || !notices.data) return;
    const group = L.layerGroup();
    for (const f of notices.data.features) {
      const p = f.properties;
      const layer = areaLayer(f.geometry, p.kind, p.bufferMeters);
      const popup = document.createElement('div');
      const link = document.createElement('a');
      link.href = `/notices/${f.id}`;
      link.textContent = p.title;
      const meta = document.createElement('p');
      meta.textContent = `${t(`notices.kinds.${p.kind}`)} · ${localName(p.organisation.name)}`;
      popup.append(link, meta);
      layer.bindPopup(popup);
      layer.addTo(group);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, on, notices.data, t]);

  const count = notices.data?.features.length ?? 0;
  return (
    <label className="checkbox map-layer-toggle" htmlFor={id}>
      <input id={id} type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
      {t('notices.layer', { count })}
    </label>
  );
}
