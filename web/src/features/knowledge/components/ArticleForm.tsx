import type { Article, ArticleInput } from '@shared/knowledge/knowledge.schemas.ts';
import { ARTICLE_BODY_MAX } from '@shared/knowledge/knowledge.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { localName } from '../../../lib/format';
import { groupCategories, useCategories } from '../../reference/api/get-categories';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { useSaveArticle } from '../api/save-article';

type Values = {
  locale: 'ru' | 'en';
  title: string;
  body: string;
  status: 'draft' | 'published';
  categoryIds: string[];
  territoryIds: string[];
  lastReviewedOn: string;
  reviewBy: string;
};
const fields = [
  'locale',
  'title',
  'body',
  'status',
  'categoryIds',
  'territoryIds',
  'lastReviewedOn',
  'reviewBy',
];

/** Writes or edits an article; the server checks the Markdown and lists every problem next to its field. */
export function ArticleForm({
  editing,
  onSaved,
}: {
  editing: Article | null;
  onSaved: (a: Article) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveArticle();
  const categories = useCategories();
  const territories = useTerritories();
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    values: {
      locale: editing?.locale ?? 'ru',
      title: editing?.title ?? '',
      body: editing?.body ?? '',
      status: editing?.status ?? 'draft',
      categoryIds: editing?.categories.map((c) => c.id) ?? [],
      territoryIds: editing?.territories.map((c) => c.id) ?? [],
      lastReviewedOn: editing?.lastReviewedOn ?? '',
      reviewBy: editing?.reviewBy ?? '',
    },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (v) => {
    const article: ArticleInput = {
      locale: v.locale,
      title: v.title,
      body: v.body,
      status: v.status,
      categoryIds: v.categoryIds,
      territoryIds: v.territoryIds,
      lastReviewedOn: v.lastReviewedOn || null,
      reviewBy: v.reviewBy || null,
      translationOf: editing?.translationOf ?? null,
    };
    try {
      const saved = editing
        ? await save.mutateAsync({ id: editing.id, expectedVersion: editing.version, article })
        : await save.mutateAsync({ id: null, article });
      onSaved(saved);
    } catch (e) {
      applyServerErrors(e, setError, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <Field id="kb-title" label={t('knowledge.form.title')} error={errors.title?.message} required>
        <input
          id="kb-title"
          maxLength={200}
          {...describedBy('kb-title', { error: errors.title?.message })}
          {...register('title')}
        />
      </Field>
      <Field
        id="kb-body"
        label={t('knowledge.form.body')}
        hint={t('knowledge.form.bodyHint')}
        error={errors.body?.message}
        required
      >
        <textarea
          id="kb-body"
          rows={14}
          maxLength={ARTICLE_BODY_MAX}
          {...describedBy('kb-body', { error: errors.body?.message, hint: true })}
          {...register('body')}
        />
      </Field>
      <div className="kb-form__row">
        <Field id="kb-locale" label={t('knowledge.form.locale')}>
          <select id="kb-locale" {...register('locale')}>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field id="kb-status" label={t('knowledge.form.status')}>
          <select id="kb-status" {...register('status')}>
            <option value="draft">{t('knowledge.status.draft')}</option>
            <option value="published">{t('knowledge.status.published')}</option>
          </select>
        </Field>
        <Field
          id="kb-reviewed"
          label={t('knowledge.form.lastReviewedOn')}
          error={errors.lastReviewedOn?.message}
        >
          <input
            id="kb-reviewed"
            type="date"
            {...describedBy('kb-reviewed', { error: errors.lastReviewedOn?.message })}
            {...register('lastReviewedOn')}
          />
        </Field>
        <Field
          id="kb-review-by"
          label={t('knowledge.form.reviewBy')}
          hint={t('knowledge.form.reviewByHint')}
          error={errors.reviewBy?.message}
        >
          <input
            id="kb-review-by"
            type="date"
            {...describedBy('kb-review-by', { error: errors.reviewBy?.message, hint: true })}
            {...register('reviewBy')}
          />
        </Field>
      </div>
      <fieldset className="kb-form__choices">
        <legend>{t('knowledge.form.categories')}</legend>
        {groupCategories(categories.data ?? []).map((g) => (
          <div key={g.topic.id} className="kb-form__group">
            <p className="kb-form__topic">{localName(g.topic.name)}</p>
            {g.subjects.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" value={c.id} {...register('categoryIds')} /> {localName(c.name)}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <fieldset className="kb-form__choices">
        <legend>{t('knowledge.form.territories')}</legend>
        <p className="hint">{t('knowledge.form.territoriesHint')}</p>
        {districtsOf(territories.data ?? []).map((d) => (
          <label key={d.id} className="checkbox">
            <input type="checkbox" value={d.id} {...register('territoryIds')} /> {localName(d.name)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={save.error} fields={fields} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t('knowledge.form.save')}
      </button>
    </form>
  );
}
