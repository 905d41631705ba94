import { directoryKinds } from '@shared/directory/directory.schemas.ts';
import type { AdminOrganisation } from '@shared/reference/organisations-admin.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useAdminCategories } from '../api/admin-categories';
import { useCreateOrganisation, useUpdateOrganisation } from '../api/admin-organisations';
import { useAdminTerritories } from '../api/admin-region';

const fields = [
  'code',
  'kind',
  'nameRu',
  'nameEn',
  'phone',
  'email',
  'parentId',
  'territoryIds',
  'categoryIds',
] as const;
type Kind = (typeof directoryKinds)[number];

/**
 * Adds an organisation or edits the one chosen (`editing`): kind, names, contacts, parent authority,
 * territories and categories served. Hours are edited in the directory's editor (one editor, one check).
 */
export function OrganisationForm({
  organisations,
  editing,
  onDone,
}: {
  organisations: AdminOrganisation[];
  editing: AdminOrganisation | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const territories = useAdminTerritories();
  const categories = useAdminCategories();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<Kind>('authority');
  const [nameRu, setNameRu] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [parentId, setParentId] = useState('');
  const [territoryIds, setTerritoryIds] = useState<string[]>([]);
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setCode(editing?.code ?? '');
    setKind(editing?.kind ?? 'authority');
    setNameRu(editing?.name.ru ?? '');
    setNameEn(editing?.name.en ?? '');
    setPhone(editing?.phone ?? '');
    setEmail(editing?.email ?? '');
    setParentId(editing?.parentId ?? '');
    setTerritoryIds(editing?.territoryIds ?? []);
    setCategoryIds(editing?.categoryIds ?? []);
  }, [editing]);

  const error = editing ? update.error : create.error;
  const problem = (path: string) =>
    error instanceof ApiError
      ? error.details.find((d) => d.path.replace(/^body\./, '').startsWith(path))?.message
      : undefined;
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const common = {
      kind,
      nameRu,
      nameEn,
      phone: phone.trim() || null,
      email: email.trim() || null,
      parentId: parentId || null,
      territoryIds,
      categoryIds,
    };
    const done = {
      onSuccess: () => {
        setSaved(true);
        onDone();
      },
    };
    if (editing) update.mutate({ id: editing.id, body: common }, done);
    else create.mutate({ ...common, code, hours: [] }, done);
  };

  const text = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    path: string,
    extra = {},
  ) => (
    <Field
      id={id}
      label={label}
      error={problem(path)}
      required={path === 'nameRu' || path === 'nameEn' || path === 'code'}
    >
      <input
        id={id}
        value={value}
        onChange={(e) => set(e.target.value)}
        {...extra}
        {...describedBy(id, { error: problem(path) })}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={error} fields={fields} />
      {saved && (
        <p className="alert alert--success" role="status">
          {t('adminReference.categories.saved')}
        </p>
      )}
      <div className="field-row">
        {!editing &&
          text('org-code', t('adminReference.categories.code'), code, setCode, 'code', {
            autoComplete: 'off',
          })}
        <Field id="org-kind" label={t('directory.kindLabel')}>
          <select id="org-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {directoryKinds.map((k) => (
              <option key={k} value={k}>
                {t(`directory.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="field-row">
        {text('org-name-ru', t('adminReference.categories.nameRu'), nameRu, setNameRu, 'nameRu', {
          lang: 'ru',
        })}
        {text('org-name-en', t('adminReference.categories.nameEn'), nameEn, setNameEn, 'nameEn', {
          lang: 'en',
        })}
      </div>
      <div className="field-row">
        {text('org-phone', t('adminReference.organisations.phone'), phone, setPhone, 'phone', {
          type: 'tel',
          autoComplete: 'off',
        })}
        {text('org-email', t('adminReference.organisations.email'), email, setEmail, 'email', {
          type: 'email',
          autoComplete: 'off',
        })}
      </div>
      <Field id="org-parent" label={t('adminReference.organisations.parent')} error={problem('parentId')}>
        <select
          id="org-parent"
          value={parentId}
          onChange={(e) => setParentId(e.target.value)}
          {...describedBy('org-parent', { error: problem('parentId') })}
        >
          <option value="">{t('adminReference.organisations.noParent')}</option>
          {organisations
            .filter((o) => o.isActive && o.id !== editing?.id)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t('adminReference.organisations.territories')}</legend>
        <div className="checkbox-grid">
          {(territories.data?.items ?? [])
            .filter((x) => x.isActive)
            .map((x) => (
              <label key={x.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={territoryIds.includes(x.id)}
                  onChange={(e) => setTerritoryIds((l) => toggle(l, x.id, e.target.checked))}
                />{' '}
                {localName(x.name)}
              </label>
            ))}
        </div>
      </fieldset>
      <details>
        <summary>{t('adminReference.organisations.categories', { count: categoryIds.length })}</summary>
        <div className="checkbox-grid">
          {(categories.data?.items ?? [])
            .filter((c) => c.parentId !== null && c.isActive)
            .map((c) => (
              <label key={c.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={categoryIds.includes(c.id)}
                  onChange={(e) => setCategoryIds((l) => toggle(l, c.id, e.target.checked))}
                />{' '}
                {localName(c.name)}
              </label>
            ))}
        </div>
      </details>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending || update.isPending}>
          {editing ? t('adminReference.save') : t('adminReference.categories.add')}
        </button>
        {editing && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('adminReference.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
