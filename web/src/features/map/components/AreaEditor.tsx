import L from 'leaflet';
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../../reference/api/get-config';
import { BaseMap } from './BaseMap';

export type Geometry = { type: string; coordinates: unknown };
type AreaMode = 'Polygon' | 'LineString' | 'MultiPoint';
type Position = [number, number];

/** The largest GeoJSON file accepted (the server refuses bigger requests as well). */
export const MAX_AREA_BYTES = 10 * 1024 * 1024;

function fromPositions(mode: AreaMode, ps: Position[]): Geometry | null {
  if (mode === 'Polygon') return ps.length >= 3 ? { type: 'Polygon', coordinates: [[...ps, ps[0]!]] } : null;
  if (mode === 'LineString') return ps.length >= 2 ? { type: 'LineString', coordinates: ps } : null;
  if (ps.length === 0) return null;
  return ps.length === 1 ? { type: 'Point', coordinates: ps[0] } : { type: 'MultiPoint', coordinates: ps };
}

/** The geometry of an uploaded or pasted GeoJSON text: a geometry, a Feature, or a collection's first feature. */
export function geometryOfText(text: string): Geometry | null {
  try {
    const doc = JSON.parse(text) as {
      type?: string;
      coordinates?: unknown;
      geometry?: Geometry;
      features?: { geometry?: Geometry }[];
    };
    if (doc.type === 'Feature' && doc.geometry) return doc.geometry;
    if (doc.type === 'FeatureCollection') return doc.features?.[0]?.geometry ?? null;
    if (typeof doc.type === 'string' && doc.coordinates !== undefined)
      return { type: doc.type, coordinates: doc.coordinates };
    return null;
  } catch {
    return null;
  }
}

type Props = {
  value: Geometry | null;
  onChange: (g: Geometry | null) => void;
  /** Problems the server found with the area (shown under the editor). */
  error?: string | undefined;
  /** What is drawn: a notice's area, a city object's place. */
  labels: { legend: string; mapLabel: string; geojson: string };
  /** What a click draws at first (a notice's area: a polygon). */
  initialMode?: AreaMode;
};

/**
 * Draws an area on the map — a notice's area, a city object's place — by clicks that add points (a
 * polygon, a line or points), or takes it as GeoJSON, pasted or uploaded, which is also the
 * keyboard's way to give one. The GeoJSON box always shows the current area.
 */
export function AreaEditor({ value, onChange, error, labels, initialMode = 'Polygon' }: Props) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const [map, setMap] = useState<L.Map | null>(null);
  const [mode, setMode] = useState<AreaMode>(initialMode);
  const [points, setPoints] = useState<Position[]>([]);
  const [text, setText] = useState(value ? JSON.stringify(value) : '');
  const [fileError, setFileError] = useState<string | null>(null);
  const ids = { mode: useId(), text: useId(), file: useId() };

  useEffect(() => {
    if (!map) return;
    const handler = (e: L.LeafletMouseEvent) =>
      setPoints((ps) => [...ps, [Number(e.latlng.lng.toFixed(6)), Number(e.latlng.lat.toFixed(6))]]);
    map.on('click', handler);
    return () => {
      map.off('click', handler);
    };
  }, [map]);

  // Points drawn by clicking define the area (in the chosen mode).
  // biome-ignore lint/correctness/useExhaustiveDependencies: onChange is the parent's setter.
  useEffect(() => {
    if (points.length === 0) return;
    const g = fromPositions(mode, points);
    onChange(g);
    setText(g ? JSON.stringify(g) : '');
  }, [points, mode]);

  useEffect(() => {
    if (!map || !value) return;
    const layer = L.geoJSON(value as GeoJSON.Geometry, {
      style: () => ({ color: '#b91c1c', weight: 3, fillOpacity: 0.2 }),
    }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid() && points.length === 0) map.fitBounds(bounds, { maxZoom: 16, padding: [16, 16] });
    return () => {
      layer.remove();
    };
  }, [map, value, points.length]);

  const onText = (next: string) => {
    setText(next);
    setPoints([]);
    onChange(next.trim() === '' ? null : geometryOfText(next));
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_AREA_BYTES) {
      setFileError(t('map.area.fileTooLarge'));
      return;
    }
    const content = await file.text();
    const g = geometryOfText(content);
    if (!g) setFileError(t('map.area.fileUnreadable'));
    else onText(JSON.stringify(g));
  };

  return (
    <fieldset className="area-editor">
      <legend>{labels.legend}</legend>
      <p className="hint">{t('map.area.hint')}</p>
      <div className="area-editor__tools">
        <label htmlFor={ids.mode}>{t('map.area.mode')}</label>
        <select id={ids.mode} value={mode} onChange={(e) => setMode(e.target.value as AreaMode)}>
          <option value="Polygon">{t('map.area.polygon')}</option>
          <option value="LineString">{t('map.area.line')}</option>
          <option value="MultiPoint">{t('map.area.points')}</option>
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setPoints((ps) => ps.slice(0, -1))}
          disabled={points.length === 0}
        >
          {t('map.area.undo')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setPoints([]);
            onText('');
          }}
        >
          {t('map.area.clear')}
        </button>
      </div>
      {config.data && (
        <BaseMap config={config.data} label={labels.mapLabel} onMap={setMap} className="map-frame--editor" />
      )}
      <label htmlFor={ids.text}>{labels.geojson}</label>
      <textarea
        id={ids.text}
        rows={4}
        value={text}
        onChange={(e) => onText(e.target.value)}
        spellCheck={false}
      />
      <label htmlFor={ids.file}>{t('map.area.upload')}</label>
      <input
        id={ids.file}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        onChange={onFile}
      />
      {(fileError || error) && (
        <p className="field-error" role="alert">
          {fileError ?? error}
        </p>
      )}
    </fieldset>
  );
}
