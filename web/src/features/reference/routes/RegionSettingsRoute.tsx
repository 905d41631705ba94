import type { RegionSettings } from '@shared/reference/region-settings.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { Page } from '../../../components/Page';
import { ApiError } from '../../../lib/api-client';
import { useRegionSettings, useUpdateRegionSettings } from '../api/admin-region';

const fields = [
  'nameRu',
  'nameEn',
  'mapCenter',
  'mapZoom',
  'tileUrl',
  'languages',
  'disputeWindowDays',
  'clarificationTimeoutDays',
  'nearestDistrictToleranceMeters',
] as const;
type FieldName = (typeof fields)[number];

const numberOr = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The region's settings (admin): in force on every node within 5 s, audited. */
export function RegionSettingsRoute() {
  const { t } = useTranslation();
  const current = useRegionSettings();
  return (
    <Page
      title={t('adminReference.region.title')}
      lead={t('adminReference.region.lead')}
      loading={current.isPending}
      error={current.error}
    >
      {current.data && <RegionSettingsForm settings={current.data} />}
    </Page>
  );
}

function RegionSettingsForm({ settings }: { settings: RegionSettings }) {
  const { t } = useTranslation();
  const save = useUpdateRegionSettings();
  const [values, setValues] = useState<Record<FieldName, string>>(() => initial(settings));
  const [languages, setLanguages] = useState(settings.languages);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setValues(initial(settings));
    setLanguages(settings.languages);
  }, [settings]);
  const set = (name: FieldName) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const problem = (path: string) =>
    save.error instanceof ApiError
      ? save.error.details.find((d) => d.path.replace(/^body\./, '').startsWith(path))?.message
      : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const lat = values.mapCenter.split(',')[0] ?? '';
    const lon = values.mapCenter.split(',')[1] ?? '';
    save.mutate(
      {
        nameRu: values.nameRu,
        nameEn: values.nameEn,
        mapCenter: values.mapCenter.trim() === '' ? null : { lat: numberOr(lat), lon: numberOr(lon) },
        mapZoom: numberOr(values.mapZoom),
        tileUrl: values.tileUrl,
        languages,
        disputeWindowDays: numberOr(values.disputeWindowDays),
        clarificationTimeoutDays: numberOr(values.clarificationTimeoutDays),
        nearestDistrictToleranceMeters: numberOr(values.nearestDistrictToleranceMeters),
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  const input = (name: FieldName, type: 'text' | 'number' = 'text', hint = false, required = true) => (
    <Field
      id={`region-${name}`}
      label={t(`adminReference.region.${name}`)}
      hint={hint ? t(`adminReference.region.${name}Hint`) : undefined}
      error={problem(name)}
      required={required}
    >
      <input
        id={`region-${name}`}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={values[name]}
        onChange={set(name)}
        {...describedBy(`region-${name}`, { error: problem(name), hint })}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} className="form card" noValidate>
      <ErrorMessage error={save.error} fields={fields} />
      {saved && (
        <p className="alert alert--success" role="status">
          {t('adminReference.region.saved')}
        </p>
      )}
      {!settings.stored && <p className="hint">{t('adminReference.region.defaults')}</p>}
      <div className="field-row">
        {input('nameRu')}
        {input('nameEn')}
      </div>
      <fieldset>
        <legend>{t('adminReference.region.map')}</legend>
        <div className="field-row">
          {input('mapCenter', 'text', true, false)}
          {input('mapZoom', 'number')}
        </div>
        {input('tileUrl', 'text', true)}
      </fieldset>
      <fieldset>
        <legend>{t('adminReference.region.languages')}</legend>
        {(['ru', 'en'] as const).map((l) => (
          <label key={l} className="checkbox">
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(e) =>
                setLanguages((ls) =>
                  e.target.checked ? [...ls.filter((x) => x !== l), l] : ls.filter((x) => x !== l),
                )
              }
            />{' '}
            {t(`adminReference.region.language.${l}`)}
          </label>
        ))}
        {problem('languages') && (
          <p className="field-error">{t('adminReference.region.languagesRequired')}</p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('adminReference.region.processing')}</legend>
        <div className="field-row">
          {input('disputeWindowDays', 'number')}
          {input('clarificationTimeoutDays', 'number')}
        </div>
        {input('nearestDistrictToleranceMeters', 'number', true)}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('adminReference.save')}
        </button>
      </div>
    </form>
  );
}

function initial(s: RegionSettings): Record<FieldName, string> {
  return {
    nameRu: s.name.ru,
    nameEn: s.name.en,
    mapCenter: s.mapCenter ? `${s.mapCenter.lat}, ${s.mapCenter.lon}` : '',
    mapZoom: String(s.mapZoom),
    tileUrl: s.tileUrl,
    languages: s.languages.join(','),
    disputeWindowDays: String(s.disputeWindowDays),
    clarificationTimeoutDays: String(s.clarificationTimeoutDays),
    nearestDistrictToleranceMeters: String(s.nearestDistrictToleranceMeters),
  };
}
