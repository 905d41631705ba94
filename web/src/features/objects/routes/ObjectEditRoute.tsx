import { type CityObjectKind, cityObjectKinds, type ObjectDetail } from '@shared/objects/objects.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { fieldProblem } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { AreaEditor, type Geometry } from '../../map/components/AreaEditor';
import { useOrganisations } from '../../reference/api/get-organisations';
import { useObject } from '../api/get-object';
import { useSaveObject } from '../api/save-object';

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
 * for whole files, or change one (`/objects/:id/edit`): its name, kind, address, responsible
 * organisation and place — a point, a line or an outline drawn on the map or given as GeoJSON. An
 * operator keeps the objects of their organisation.
 */
export function ObjectEditRoute() {
  const { id } = useParams();
  const existing = useObject(id ?? '', Boolean(id));
  if (id && existing.isPending) return <Loading />;
  if (id && !existing.data) return <ErrorMessage error={existing.error} />;
  // Keyed by the object, so its fields are the form's first values.
  return <ObjectForm key={id ?? 'new'} existing={existing.data} />;
}

function ObjectForm({ existing }: { existing: ObjectDetail | undefined }) {
  const { t } = useTranslation();
  const title = existing ? t('objects.edit.title', { name: existing.name }) : t('objects.new.title');
  usePageTitle(title);
  const navigate = useNavigate();
  const { data: me } = useMe();
  const organisations = useOrganisations();
  const save = useSaveObject(existing?.externalId);
  const operatorOf = me?.role === 'operator' ? me.organisationId : null;
  const [form, setForm] = useState<Form>(
    existing
      ? {
          name: existing.name,
          kind: existing.kind,
          address: existing.address ?? '',
          organisationId: existing.organisation?.id ?? '',
          geometry: existing.geometry as Geometry,
        }
      : { name: '', kind: 'yard', address: '', organisationId: operatorOf ?? '', geometry: null },
  );
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errorOf = (path: string) => fieldProblem(save.error, path);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
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
      <h1>{title}</h1>
      {!existing && <p className="lead">{t('objects.new.lead')}</p>}
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
        <ErrorMessage error={save.error} fields={fields} />
        <button type="submit" className="button" disabled={save.isPending}>
          {existing ? t('objects.edit.submit') : t('objects.new.submit')}
        </button>
      </form>
    </div>
  );
}
