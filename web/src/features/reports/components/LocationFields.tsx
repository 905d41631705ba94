import type L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { describedBy, Field, FieldError } from '../../../components/Field';
import { localName } from '../../../lib/format';
import { fieldMessage } from '../../../lib/zod-messages';
import { type AddressHit, reverseAddress } from '../../addresses/api/addresses';
import { AddressSearch } from '../../addresses/components/AddressSearch';
import { BaseMap } from '../../map/components/BaseMap';
import { useBoundaries } from '../../map/hooks/use-boundaries';
import { type Point, usePointPicker } from '../../map/hooks/use-point-picker';
import { usePublicConfig } from '../../reference/api/get-config';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import type { ReportFormInput } from './report-form-schema';

type Props = { form: UseFormReturn<ReportFormInput> };

/** Where the problem is: a point picked on the map, or a typed address within a chosen district. */
export function LocationFields({ form }: Props) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const territories = useTerritories(true);
  const [map, setMap] = useState<L.Map | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const { register, watch, setValue, formState } = form;
  const mode = watch('locationMode');
  const lat = watch('lat');
  const lon = watch('lon');
  const territoryId = watch('territoryId');
  const errors = formState.errors;
  const point = useMemo<Point | null>(
    () => (typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null),
    [lat, lon],
  );
  const districts = districtsOf(territories.data ?? []);
  // A draft that starts with a point (a report about a city object) opens the map there.
  const [startView] = useState(() => (point ? { lat: point.lat, lon: point.lon, zoom: 16 } : undefined));

  const setPoint = (p: Point | null) => {
    setValue('lat', p?.lat as number, { shouldValidate: formState.isSubmitted });
    setValue('lon', p?.lon as number, { shouldValidate: formState.isSubmitted });
  };
  useBoundaries(map, territories.data);
  usePointPicker(map, mode === 'map' ? point : null, mode === 'map' ? setPoint : null);

  // The address follows the point: a point picked on the map fills the address field with the
  // nearest registry address, unless the resident typed one of their own.
  const autoAddress = useRef<string | undefined>(undefined);
  const address = watch('address');
  useEffect(() => {
    if (mode !== 'map' || !point) return;
    if (address && address !== autoAddress.current) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      reverseAddress(point)
        .then((found) => {
          if (cancelled || !found) return;
          autoAddress.current = found.address;
          setValue('address', found.address);
        })
        .catch(() => undefined);
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [mode, point, address, setValue]);
  const pickAddress = (hit: AddressHit) => {
    setValue('locationMode', 'map');
    setValue('territoryId', '');
    autoAddress.current = hit.address;
    setValue('address', hit.address, { shouldValidate: formState.isSubmitted });
    setPoint({ lat: hit.lat, lon: hit.lon });
    map?.setView([hit.lat, hit.lon], 17);
  };

  const switchMode = (next: 'map' | 'district') => {
    setValue('locationMode', next);
    setValue('territoryId', '');
    setPoint(null);
  };
  const chooseDistrict = (id: string) => {
    setValue('territoryId', id, { shouldValidate: formState.isSubmitted });
    const d = districts.find((x) => x.id === id);
    setPoint(d ? { lat: d.center.lat, lon: d.center.lon } : null);
  };
  const locate = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const p = {
          lat: Number(pos.coords.latitude.toFixed(6)),
          lon: Number(pos.coords.longitude.toFixed(6)),
        };
        setPoint(p);
        map?.setView([p.lat, p.lon], 16);
        setLocating('idle');
      },
      () => setLocating('failed'),
      { timeout: 10_000 },
    );
  };
  const pointError = errors.lat?.message ?? errors.lon?.message;
  const pointErrorText =
    errors.lat?.type === 'server' || errors.lon?.type === 'server'
      ? fieldMessage(pointError)
      : t('reportForm.pointRequired');

  return (
    <fieldset className="fieldset">
      <legend>{t('reportForm.place')}</legend>
      <AddressSearch onPick={pickAddress} />
      <div className="radio-row">
        <label className="radio">
          <input
            type="radio"
            name="locationMode"
            checked={mode === 'map'}
            onChange={() => switchMode('map')}
          />
          {t('reportForm.modeMap')}
        </label>
        <label className="radio">
          <input
            type="radio"
            name="locationMode"
            checked={mode === 'district'}
            onChange={() => switchMode('district')}
          />
          {t('reportForm.modeDistrict')}
        </label>
      </div>

      {mode === 'map' ? (
        <div className="picker">
          <p className="hint" id="point-hint">
            {t('reportForm.mapHint')}
          </p>
          {config.data ? (
            <BaseMap config={config.data} label={t('map.pickerLabel')} view={startView} onMap={setMap} />
          ) : (
            <p className="alert alert--info">{config.isError ? t('map.unavailable') : t('map.loading')}</p>
          )}
          <div className="picker-tools">
            <p aria-live="polite" className="picker-value">
              {point
                ? t('reportForm.pointChosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })
                : t('reportForm.pointNone')}
            </p>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={!map}
              onClick={() => {
                const c = map?.getCenter();
                if (c) setPoint({ lat: Number(c.lat.toFixed(6)), lon: Number(c.lng.toFixed(6)) });
              }}
            >
              {t('reportForm.useMapCentre')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={locate}
              disabled={locating === 'busy'}
            >
              {t('reportForm.locateMe')}
            </button>
          </div>
          {locating === 'failed' && <p className="field-error">{t('reportForm.locateFailed')}</p>}
        </div>
      ) : (
        <Field
          id="report-territory"
          label={t('reportForm.district')}
          error={errors.territoryId?.message}
          hint={t('reportForm.districtHint')}
          required
        >
          <select
            id="report-territory"
            value={territoryId}
            onChange={(e) => chooseDistrict(e.target.value)}
            {...describedBy('report-territory', { error: errors.territoryId?.message, hint: true })}
          >
            <option value="">
              {territories.isPending ? t('common.loading') : t('reportForm.chooseDistrict')}
            </option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {localName(d.name)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {pointError && mode === 'map' && <FieldError id="report-point-error" error={pointErrorText} />}

      <Field
        id="report-address"
        label={t('reportForm.address')}
        hint={mode === 'district' ? t('reportForm.addressHintDistrict') : t('reportForm.addressHintMap')}
        error={errors.address?.message}
        required={mode === 'district'}
      >
        <input
          id="report-address"
          autoComplete="street-address"
          maxLength={300}
          {...describedBy('report-address', { error: errors.address?.message, hint: true })}
          {...register('address', { setValueAs: (v: string) => (v.trim() === '' ? undefined : v) })}
        />
      </Field>
    </fieldset>
  );
}
