import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { localName } from '../../../lib/format';
import { useCreateCategory, useUpdateCategory } from '../api/admin-categories';

const fields = ['parentId', 'code', 'nameRu', 'nameEn', 'slaDays', 'moderationHours'] as const;
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** Adds a topic or a subject, or edits the one chosen in the table (`editing`). */
export function CategoryForm({
  categories,
  editing,
  onDone,
}: {
  categories: AdminCategory[];
  editing: AdminCategory | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [parentId, setParentId] = useState('');
  const [code, setCode] = useState('');
  const [nameRu, setNameRu] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [slaDays, setSlaDays] = useState('');
  const [moderationHours, setModerationHours] = useState('');
  const [photoRequired, setPhotoRequired] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setParentId(editing?.parentId ?? '');
    setCode(editing?.code ?? '');
    setNameRu(editing?.name.ru ?? '');
    setNameEn(editing?.name.en ?? '');
    setSlaDays(editing?.slaDays != null ? String(editing.slaDays) : '');
    setModerationHours(editing?.moderationHours != null ? String(editing.moderationHours) : '');
    setPhotoRequired(editing?.photoRequired ?? false);
  }, [editing]);

  const error = editing ? update.error : create.error;
  const problem = (path: string) =>
    error instanceof ApiError
      ? error.details.find((d) => d.path.replace(/^body\./, '') === path)?.message
      : undefined;
  const topics = categories.filter((c) => c.parentId === null && c.isActive);
  const isSubject = editing ? editing.parentId !== null : parentId !== '';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const common = {
      nameRu,
      nameEn,
      slaDays: isSubject ? numberOrNull(slaDays) : null,
      moderationHours: numberOrNull(moderationHours),
      photoRequired,
    };
    const done = {
      onSuccess: () => {
        setSaved(true);
        onDone();
      },
    };
    if (editing) update.mutate({ id: editing.id, body: common }, done);
    else create.mutate({ ...common, parentId: parentId || null, code, sortOrder: 0 }, done);
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={error} fields={fields} />
      {saved && (
        <p className="alert alert--success" role="status">
          {t('adminReference.categories.saved')}
        </p>
      )}
      {!editing && (
        <>
          <Field id="cat-parent" label={t('adminReference.categories.parent')} error={problem('parentId')}>
            <select id="cat-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t('adminReference.categories.newTopic')}</option>
              {topics.map((c) => (
                <option key={c.id} value={c.id}>
                  {localName(c.name)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="cat-code"
            label={t('adminReference.categories.code')}
            hint={t('adminReference.categories.codeHint')}
            error={problem('code')}
            required
          >
            <input
              id="cat-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              {...describedBy('cat-code', { error: problem('code'), hint: true })}
            />
          </Field>
        </>
      )}
      <Field
        id="cat-name-ru"
        label={t('adminReference.categories.nameRu')}
        error={problem('nameRu')}
        required
      >
        <input
          id="cat-name-ru"
          lang="ru"
          value={nameRu}
          onChange={(e) => setNameRu(e.target.value)}
          {...describedBy('cat-name-ru', { error: problem('nameRu') })}
        />
      </Field>
      <Field
        id="cat-name-en"
        label={t('adminReference.categories.nameEn')}
        error={problem('nameEn')}
        required
      >
        <input
          id="cat-name-en"
          lang="en"
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          {...describedBy('cat-name-en', { error: problem('nameEn') })}
        />
      </Field>
      {isSubject && (
        <div className="field-row">
          <Field
            id="cat-sla"
            label={t('adminReference.categories.slaDays')}
            error={problem('slaDays')}
            required
          >
            <input
              id="cat-sla"
              type="number"
              min={1}
              max={60}
              value={slaDays}
              onChange={(e) => setSlaDays(e.target.value)}
              {...describedBy('cat-sla', { error: problem('slaDays') })}
            />
          </Field>
          <Field
            id="cat-moderation"
            label={t('adminReference.categories.moderationHours')}
            error={problem('moderationHours')}
          >
            <input
              id="cat-moderation"
              type="number"
              min={1}
              max={240}
              value={moderationHours}
              onChange={(e) => setModerationHours(e.target.value)}
              {...describedBy('cat-moderation', { error: problem('moderationHours') })}
            />
          </Field>
        </div>
      )}
      {isSubject && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={photoRequired}
            onChange={(e) => setPhotoRequired(e.target.checked)}
          />{' '}
          {t('adminReference.categories.photoRequired')}
        </label>
      )}
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
