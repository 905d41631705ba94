import type { AdminTerritory } from '@shared/reference/territories-admin.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useCreateTerritory } from '../api/admin-region';

const fields = ['kind', 'parentId', 'code', 'nameRu', 'nameEn', 'boundary'] as const;

/** Reads an uploaded GeoJSON file; a file that is not JSON is sent as text for the server to refuse. */
export async function readGeoJson(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Adds a district (in the region) or a municipality (in a district) with its GeoJSON boundary. */
export function TerritoryForm({ territories }: { territories: AdminTerritory[] }) {
  const { t } = useTranslation();
  const create = useCreateTerritory();
  const [kind, setKind] = useState<'district' | 'municipality'>('district');
  const [parentId, setParentId] = useState('');
  const [code, setCode] = useState('');
  const [nameRu, setNameRu] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);
  const region = territories.find((x) => x.kind === 'region');
  const parents =
    kind === 'district' ? (region ? [region] : []) : territories.filter((x) => x.kind === 'district');
  const problem = (path: string) =>
    create.error instanceof ApiError
      ? create.error.details.find((d) => d.path.replace(/^body\./, '').startsWith(path))?.message
      : undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const boundary = file ? await readGeoJson(file) : null;
    create.mutate(
      {
        kind,
        parentId: (parentId || (kind === 'district' ? region?.id : '')) ?? null,
        code,
        nameRu,
        nameEn,
        boundary,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={create.error} fields={fields} />
      {saved && (
        <p className="alert alert--success" role="status">
          {t('adminReference.territories.saved')}
        </p>
      )}
      <div className="field-row">
        <Field id="terr-kind" label={t('adminReference.territories.kind')}>
          <select
            id="terr-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as 'district' | 'municipality');
              setParentId('');
            }}
          >
            <option value="district">{t('adminReference.territories.kinds.district')}</option>
            <option value="municipality">{t('adminReference.territories.kinds.municipality')}</option>
          </select>
        </Field>
        <Field id="terr-parent" label={t('adminReference.territories.parent')} error={problem('parentId')}>
          <select
            id="terr-parent"
            value={parentId || (kind === 'district' ? (region?.id ?? '') : '')}
            onChange={(e) => setParentId(e.target.value)}
            {...describedBy('terr-parent', { error: problem('parentId') })}
          >
            {kind === 'municipality' && <option value="">{t('adminReference.choose')}</option>}
            {parents
              .filter((p) => p.isActive)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {localName(p.name)}
                </option>
              ))}
          </select>
        </Field>
      </div>
      <Field
        id="terr-code"
        label={t('adminReference.categories.code')}
        hint={t('adminReference.territories.codeHint')}
        error={problem('code')}
        required
      >
        <input
          id="terr-code"
          value={code}
          autoComplete="off"
          onChange={(e) => setCode(e.target.value)}
          {...describedBy('terr-code', { error: problem('code'), hint: true })}
        />
      </Field>
      <div className="field-row">
        <Field
          id="terr-name-ru"
          label={t('adminReference.categories.nameRu')}
          error={problem('nameRu')}
          required
        >
          <input
            id="terr-name-ru"
            lang="ru"
            value={nameRu}
            onChange={(e) => setNameRu(e.target.value)}
            {...describedBy('terr-name-ru', { error: problem('nameRu') })}
          />
        </Field>
        <Field
          id="terr-name-en"
          label={t('adminReference.categories.nameEn')}
          error={problem('nameEn')}
          required
        >
          <input
            id="terr-name-en"
            lang="en"
            value={nameEn}
            onChange={(e) => setNameEn(e.target.value)}
            {...describedBy('terr-name-en', { error: problem('nameEn') })}
          />
        </Field>
      </div>
      <Field
        id="terr-boundary"
        label={t('adminReference.territories.boundary')}
        hint={t('adminReference.territories.boundaryHint')}
        error={problem('boundary')}
        required
      >
        <input
          id="terr-boundary"
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          {...describedBy('terr-boundary', { error: problem('boundary'), hint: true })}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('adminReference.categories.add')}
        </button>
      </div>
    </form>
  );
}
