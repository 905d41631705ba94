import { type CityObjectKind, cityObjectKinds } from '@shared/objects/objects.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { usePageTitle } from '../../../components/use-page-title';
import { fieldProblem } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { AreaEditor, type Geometry } from '../../notices/components/AreaEditor';
import { useOrganisations } from '../../reference/api/get-organisations';
import { useCreateObject } from '../api/create-object';

type Form = {
  name: string;
  kind: CityObjectKind;
  address: string;
  organisationId: string;
  geometry: Geometry | null;
};

const fields = ['name', 'kind', 'address', 'organisationId', 'geometry'];

/**
 * Staff add one object by hand (a yard just landscaped, a new school) where the registry import is
 * for whole files: its name, kind, address, responsible organisation and place — a point, a line or
 * an outline drawn on the map or given as GeoJSON. An operator adds objects of their organisation.
 */
export function ObjectNewRoute() {
  const { t } = useTranslation();
  usePageTitle(t('objects.new.title'));
  const navigate = useNavigate();
  const { data: me } = useMe();
  const organisations = useOrganisations();
  const create = useCreateObject();
  const operatorOf = me?.role === 'operator' ? me.organisationId : null;
  const [form, setForm] = useState<Form>({
    name: '',
    kind: 'yard',
    address: '',
    organisationId: operatorOf ?? '',
    geometry: null,
  });
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errorOf = (path: string) => fieldProblem(create.error, path);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        name: form.name,
        kind: form.kind,
        address: form.address.trim() || null,
        organisationId: form.organisationId || null,
        ...(form.geometry ? { geometry: form.geometry } : {}),
      },
      { onSuccess: (o) => navigate(`/objects/${o.id}`) },
    );
  };

  const choosable = (organisations.data ?? []).filter((o) => !operatorOf || o.id === operatorOf);
  return (
    <div className="page notices-ui narrow">
      <h1>{t('objects.new.title')}</h1>
      <p className="lead">{t('objects.new.lead')}</p>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <Field id="o-name" label={t('objects.new.name')} error={errorOf('name')} required>
          <input
            id="o-name"
            value={form.name}
            maxLength={300}
            onChange={(e) => set('name', e.target.value)}
            {...describedBy('o-name', { error: errorOf('name') })}
          />
        </Field>
        <Field id="o-kind" label={t('objects.fields.kind')} error={errorOf('kind')} required>
          <select
            id="o-kind"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as CityObjectKind)}
          >
            {cityObjectKinds.map((k) => (
              <option key={k} value={k}>
                {t(`objects.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="o-address" label={t('objects.fields.address')} error={errorOf('address')}>
          <input
            id="o-address"
            value={form.address}
            maxLength={300}
            onChange={(e) => set('address', e.target.value)}
            {...describedBy('o-address', { error: errorOf('address') })}
          />
        </Field>
        <Field
          id="o-org"
          label={t('objects.fields.organisation')}
          error={errorOf('organisationId')}
          required={Boolean(operatorOf)}
        >
          <select
            id="o-org"
            value={form.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
          >
            {!operatorOf && <option value="">{t('objects.noOrganisation')}</option>}
            {choosable.map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </Field>
        <AreaEditor
          value={form.geometry}
          onChange={(g) => set('geometry', g)}
          error={errorOf('geometry')}
          initialMode="MultiPoint"
          labels={{
            legend: t('objects.new.place'),
            mapLabel: t('objects.new.placeMap'),
            geojson: t('objects.new.placeGeojson'),
          }}
        />
        <ErrorMessage error={create.error} fields={fields} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('objects.new.submit')}
        </button>
      </form>
    </div>
  );
}
