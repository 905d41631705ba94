import type { ItemGeometry } from '@shared/participation/kinds.schemas.ts';
import { useTranslation } from 'react-i18next';
import { formatLength, lineLengthMetres } from './item-geometry';

const SKETCH = 40;

/** The line's shape scaled into a small square (north up), so a list shows which section it is. */
function sketchPoints(coordinates: [number, number][]): string {
  const lons = coordinates.map((c) => c[0]);
  const lats = coordinates.map((c) => c[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Longitude degrees are shorter than latitude ones away from the equator.
  const squeeze = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const span = Math.max((maxLon - minLon) * squeeze, maxLat - minLat) || 1;
  const pad = 4;
  const scale = (SKETCH - 2 * pad) / span;
  // Centred both ways: a road running east-west sits across the middle, not along the top.
  const left = (SKETCH - (maxLon - minLon) * squeeze * scale) / 2;
  const top = (SKETCH - (maxLat - minLat) * scale) / 2;
  return coordinates
    .map(
      ([lon, lat]) =>
        `${(left + (lon - minLon) * squeeze * scale).toFixed(1)},${(top + (maxLat - lat) * scale).toFixed(1)}`,
    )
    .join(' ');
}

/** Where an item is, in a list: "a point on the map", or a line's sketch and length. */
export function ItemPlace({ geometry }: { geometry: ItemGeometry | null }) {
  const { t, i18n } = useTranslation();
  if (!geometry) return null;
  if (geometry.type === 'Point') return <span className="item-place">{t('participation.placePoint')}</span>;
  const length = formatLength(lineLengthMetres(geometry.coordinates), i18n.language);
  return (
    <span className="item-place">
      <svg
        className="item-place__sketch"
        width={SKETCH}
        height={SKETCH}
        viewBox={`0 0 ${SKETCH} ${SKETCH}`}
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={sketchPoints(geometry.coordinates)} />
      </svg>
      {t('participation.placeLine', { length: t(`participation.${length.key}`, { value: length.value }) })}
    </span>
  );
}
