import { noticeKinds } from '@shared/notices/notices.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { fieldProblem } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { fromLocalInput, toLocalInput } from '../../../lib/local-input';
import { AreaEditor, type Geometry } from '../../map/components/AreaEditor';
import { useOrganisations } from '../../reference/api/get-organisations';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import { useNotice } from '../api/get-notice';
import { useSaveNotice } from '../api/save-notice';

type Form = {
  title: string;
  description: string;
  kind: (typeof noticeKinds)[number];
  organisationId: string;
  categoryIds: string[];
  startsAt: string;
  endsAt: string;
  bufferMeters: string;
  area: Geometry | null;
};

const empty: Form = {
  title: '',
  description: '',
  kind: 'planned_works',
  organisationId: '',
  categoryIds: [],
  startsAt: '',
  endsAt: '',
  bufferMeters: '',
  area: null,
};

/** Staff publish a notice or change one: its text, kind, organisation, categories, window and area. */
export function NoticeEditRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  usePageTitle(id ? t('notices.edit') : t('notices.new'));
  const navigate = useNavigate();
  const existing = useNotice(id);
  const organisations = useOrganisations();
  const save = useSaveNotice(id);
  const [form, setForm] = useState<Form>(empty);

  useEffect(() => {
    const n = existing.data;
    if (!n) return;
    setForm({
      title: n.title,
      description: n.description,
      kind: n.kind,
      organisationId: n.organisation.id,
      categoryIds: n.categories.map((c) => c.id),
      startsAt: toLocalInput(n.startsAt),
      endsAt: toLocalInput(n.endsAt),
      bufferMeters: n.bufferMeters ? String(n.bufferMeters) : '',
      area: { type: n.area.type, coordinates: n.area.coordinates },
    });
  }, [existing.data]);

  if (id && existing.isPending) return <Loading />;
  const errorOf = (path: string) => fieldProblem(save.error, path);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        title: form.title,
        description: form.description,
        kind: form.kind,
        organisationId: form.organisationId,
        categoryIds: form.categoryIds,
        startsAt: fromLocalInput(form.startsAt),
        endsAt: fromLocalInput(form.endsAt),
        ...(form.bufferMeters ? { bufferMeters: Number(form.bufferMeters) } : {}),
        area: form.area ?? { type: 'Polygon', coordinates: [] },
      },
      { onSuccess: (n) => navigate(`/notices/${n.id}`) },
    );
  };

  const fields = [
    'title',
    'description',
    'kind',
    'organisationId',
    'categoryIds',
    'startsAt',
    'endsAt',
    'bufferMeters',
    'area',
  ];
  return (
    <div className="page notices-ui narrow">
      <h1>{id ? t('notices.edit') : t('notices.new')}</h1>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <Field id="n-title" label={t('notices.fields.title')} error={errorOf('title')} required>
          <input
            id="n-title"
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            {...describedBy('n-title', { error: errorOf('title') })}
          />
        </Field>
        <Field
          id="n-description"
          label={t('notices.fields.description')}
          hint={t('notices.fields.descriptionHint')}
          error={errorOf('description')}
          required
        >
          <textarea
            id="n-description"
            rows={5}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            {...describedBy('n-description', { error: errorOf('description'), hint: true })}
          />
        </Field>
        <Field id="n-kind" label={t('notices.fields.kind')} error={errorOf('kind')} required>
          <select id="n-kind" value={form.kind} onChange={(e) => set('kind', e.target.value as Form['kind'])}>
            {noticeKinds.map((k) => (
              <option key={k} value={k}>
                {t(`notices.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="n-org" label={t('notices.fields.organisation')} error={errorOf('organisationId')} required>
          <select
            id="n-org"
            value={form.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
          >
            <option value="">{t('notices.fields.choose')}</option>
            {organisations.data?.map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="n-categories"
          label={t('notices.fields.categories')}
          hint={t('notices.fields.categoriesHint')}
          error={errorOf('categoryIds')}
          required
        >
          <select
            id="n-categories"
            multiple
            size={8}
            value={form.categoryIds}
            onChange={(e) =>
              set(
                'categoryIds',
                [...e.target.selectedOptions].map((o) => o.value),
              )
            }
            {...describedBy('n-categories', { error: errorOf('categoryIds'), hint: true })}
          >
            <CategoryOptions />
          </select>
        </Field>
        <div className="row">
          <Field id="n-starts" label={t('notices.fields.startsAt')} error={errorOf('startsAt')} required>
            <input
              id="n-starts"
              type="datetime-local"
              value={form.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
            />
          </Field>
          <Field id="n-ends" label={t('notices.fields.endsAt')} error={errorOf('endsAt')} required>
            <input
              id="n-ends"
              type="datetime-local"
              value={form.endsAt}
              onChange={(e) => set('endsAt', e.target.value)}
            />
          </Field>
        </div>
        <Field
          id="n-buffer"
          label={t('notices.fields.bufferMeters')}
          hint={t('notices.fields.bufferHint')}
          error={errorOf('bufferMeters')}
        >
          <input
            id="n-buffer"
            type="number"
            min={1}
            max={2000}
            value={form.bufferMeters}
            onChange={(e) => set('bufferMeters', e.target.value)}
          />
        </Field>
        <AreaEditor
          value={form.area}
          onChange={(g) => set('area', g)}
          error={errorOf('area')}
          labels={{
            legend: t('notices.area.legend'),
            mapLabel: t('notices.area.mapLabel'),
            geojson: t('notices.area.geojson'),
          }}
        />
        <ErrorMessage error={save.error} fields={fields} />
        <button type="submit" className="button" disabled={save.isPending}>
          {id ? t('notices.save') : t('notices.publish')}
        </button>
      </form>
    </div>
  );
}
