import { directoryKinds, type OrganisationPage } from '@shared/directory/directory.schemas.ts';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { applyServerErrors } from '../../../lib/form-errors';
import { useSaveProfile } from '../api/save-profile';

type Row = { day: string; opens: string; closes: string; breakFrom: string; breakTo: string };
type Values = {
  kind: string;
  officeAddress: string;
  website: string;
  descriptionRu: string;
  descriptionEn: string;
  servedAddresses: string;
  services: string;
  daysOff: string;
  observesHolidays: boolean;
  hours: Row[];
};

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Admin: the directory entry. One row per opening interval (a break optional); the server checks
 * the week as a whole and names the row that overlaps or the break that does not fit.
 */
export function ProfileForm({ page, onSaved }: { page: OrganisationPage; onSaved: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProfile(page.id);
  const { register, control, handleSubmit, setError } = useForm<Values>({
    values: {
      kind: page.kind,
      officeAddress: page.contacts.officeAddress ?? '',
      website: page.contacts.website ?? '',
      descriptionRu: page.description?.ru ?? '',
      descriptionEn: page.description?.en ?? '',
      servedAddresses: page.servedAddresses.join('\n'),
      services: page.services.map((s) => `${s.ru} | ${s.en}`).join('\n'),
      daysOff: page.daysOff.join('\n'),
      observesHolidays: page.observesHolidays,
      hours: page.hours.map((h) => ({
        day: String(h.day),
        opens: h.opens,
        closes: h.closes,
        breakFrom: h.breaks[0]?.from ?? '',
        breakTo: h.breaks[0]?.to ?? '',
      })),
    },
  });
  const rows = useFieldArray({ control, name: 'hours' });

  const onSubmit = handleSubmit(async (v) => {
    try {
      await save.mutateAsync({
        kind: (directoryKinds as readonly string[]).includes(v.kind)
          ? (v.kind as (typeof directoryKinds)[number])
          : null,
        description: v.descriptionRu || v.descriptionEn ? { ru: v.descriptionRu, en: v.descriptionEn } : null,
        website: v.website.trim() || null,
        officeAddress: v.officeAddress.trim() || null,
        servedAddresses: lines(v.servedAddresses),
        services: lines(v.services).map((l) => {
          const [ru = '', en = ''] = l.split('|').map((s) => s.trim());
          return { ru, en: en || ru };
        }),
        hours: v.hours.map((h) => ({
          day: Number(h.day),
          opens: h.opens,
          closes: h.closes,
          breaks: h.breakFrom || h.breakTo ? [{ from: h.breakFrom, to: h.breakTo }] : [],
        })),
        daysOff: lines(v.daysOff),
        observesHolidays: v.observesHolidays,
      });
      onSaved();
    } catch (e) {
      applyServerErrors(e, setError, []);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <label htmlFor="pf-kind">{t('directory.kindLabel')}</label>
      <select id="pf-kind" {...register('kind')}>
        {directoryKinds.map((k) => (
          <option key={k} value={k}>
            {t(`directory.kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor="pf-address">{t('directory.address')}</label>
      <input id="pf-address" {...register('officeAddress')} />
      <label htmlFor="pf-website">{t('directory.website')}</label>
      <input id="pf-website" type="url" {...register('website')} />
      <label htmlFor="pf-desc-ru">{t('directory.form.descriptionRu')}</label>
      <textarea id="pf-desc-ru" rows={3} {...register('descriptionRu')} />
      <label htmlFor="pf-desc-en">{t('directory.form.descriptionEn')}</label>
      <textarea id="pf-desc-en" rows={3} {...register('descriptionEn')} />
      <label htmlFor="pf-services">{t('directory.form.services')}</label>
      <textarea id="pf-services" rows={4} aria-describedby="pf-services-hint" {...register('services')} />
      <p className="hint" id="pf-services-hint">
        {t('directory.form.servicesHint')}
      </p>
      <label htmlFor="pf-addresses">{t('directory.form.servedAddresses')}</label>
      <textarea id="pf-addresses" rows={4} {...register('servedAddresses')} />
      <fieldset>
        <legend>{t('directory.hours')}</legend>
        {rows.fields.map((f, i) => (
          <fieldset key={f.id} className="hours-row">
            <legend className="visually-hidden">{t('directory.form.interval', { n: i + 1 })}</legend>
            <label>
              {t('directory.form.day')}
              <select {...register(`hours.${i}.day`)}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <option key={d} value={d}>
                    {t(`directory.weekday.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('directory.form.opens')}
              <input type="time" {...register(`hours.${i}.opens`)} />
            </label>
            <label>
              {t('directory.form.closes')}
              <input type="time" {...register(`hours.${i}.closes`)} />
            </label>
            <label>
              {t('directory.form.breakFrom')}
              <input type="time" {...register(`hours.${i}.breakFrom`)} />
            </label>
            <label>
              {t('directory.form.breakTo')}
              <input type="time" {...register(`hours.${i}.breakTo`)} />
            </label>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => rows.remove(i)}
            >
              {t('directory.form.remove')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            rows.append({ day: '1', opens: '09:00', closes: '18:00', breakFrom: '', breakTo: '' })
          }
        >
          {t('directory.form.addInterval')}
        </button>
      </fieldset>
      <label htmlFor="pf-daysoff">{t('directory.form.daysOff')}</label>
      <textarea id="pf-daysoff" rows={3} aria-describedby="pf-daysoff-hint" {...register('daysOff')} />
      <p className="hint" id="pf-daysoff-hint">
        {t('directory.form.daysOffHint')}
      </p>
      <label className="checkbox">
        <input type="checkbox" {...register('observesHolidays')} /> {t('directory.form.observesHolidays')}
      </label>
      <ErrorMessage error={save.error} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t('knowledge.form.save')}
      </button>
    </form>
  );
}
