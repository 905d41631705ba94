import type L from 'leaflet';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Point } from '../../map/hooks/use-point-picker';
import { formatLength, lineLengthMetres, type PlaceDraft, placeProblem, type Vertex } from './item-geometry';
import { VoteMap } from './VoteMap';

const round = (n: number) => Number(n.toFixed(6));

/**
 * Where a proposed item is: a point (one click) or a line such as a road section (a click per
 * vertex, then "finish"; "undo" takes the last vertex back). Keyboard users pan the map with the
 * arrow keys and add its centre as the point or the next vertex.
 */
export function PlacePicker({
  value,
  onChange,
  showProblem,
}: {
  value: PlaceDraft;
  onChange: (d: PlaceDraft) => void;
  /** After a try to send: say what is wrong with the place. */
  showProblem: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [map, setMap] = useState<L.Map | null>(null);
  const drawing = value.mode === 'line' && !value.finished;

  const add = (p: Point) => {
    const v: Vertex = [round(p.lon), round(p.lat)];
    if (value.mode === 'point') onChange({ mode: 'point', point: v });
    else if (!value.finished) onChange({ ...value, vertices: [...value.vertices, v] });
  };
  const addCentre = () => {
    if (!map) return;
    const c = map.getCenter();
    add({ lat: c.lat, lon: c.lng });
  };
  const switchMode = (mode: PlaceDraft['mode']) =>
    onChange(mode === 'point' ? { mode, point: null } : { mode, vertices: [], finished: false });

  const point = value.mode === 'point' && value.point ? { lon: value.point[0], lat: value.point[1] } : null;
  const problem = showProblem ? placeProblem(value) : null;
  let status = '';
  if (value.mode === 'point') status = value.point ? t('participation.pointSet') : '';
  else if (value.vertices.length === 1) status = t('participation.lineNeedsMore');
  else if (value.vertices.length > 1) {
    const length = formatLength(lineLengthMetres(value.vertices), i18n.language);
    status = t(value.finished ? 'participation.lineDone' : 'participation.lineProgress', {
      count: value.vertices.length,
      length: t(`participation.${length.key}`, { value: length.value }),
    });
  }

  return (
    <fieldset className="fieldset place-picker">
      <legend>{t('participation.place')}</legend>
      <div className="radio-row">
        {(['point', 'line'] as const).map((mode) => (
          <label className="radio" key={mode}>
            <input
              type="radio"
              name="place-mode"
              checked={value.mode === mode}
              onChange={() => switchMode(mode)}
            />
            {t(mode === 'point' ? 'participation.placeModePoint' : 'participation.placeModeLine')}
          </label>
        ))}
      </div>
      <p className="hint">
        {value.mode === 'point' ? t('participation.pickPoint') : t('participation.drawLineHint')}
      </p>
      <VoteMap
        label={t('participation.pickPointMap')}
        items={[]}
        point={point}
        onPick={value.mode === 'point' || drawing ? add : null}
        line={value.mode === 'line' ? value.vertices : null}
        lineFinished={value.mode === 'line' && value.finished}
        onMap={setMap}
      />
      <div className="form-actions place-picker__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={addCentre}
          disabled={!map || (value.mode === 'line' && value.finished)}
        >
          {value.mode === 'point' ? t('participation.pointAtCentre') : t('participation.vertexAtCentre')}
        </button>
        {value.mode === 'line' && (
          <>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() =>
                onChange({ mode: 'line', vertices: value.vertices.slice(0, -1), finished: false })
              }
              disabled={value.vertices.length === 0}
            >
              {t('participation.undoVertex')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange({ ...value, finished: true })}
              disabled={value.finished || value.vertices.length < 2}
            >
              {t('participation.finishLine')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => switchMode(value.mode)}
          disabled={value.mode === 'point' ? !value.point : value.vertices.length === 0}
        >
          {t('participation.clearPlace')}
        </button>
      </div>
      <p className="place-picker__status" role="status">
        {status}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {t(`participation.${problem}`)}
        </p>
      )}
    </fieldset>
  );
}
