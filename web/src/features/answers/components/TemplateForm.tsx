import { zodResolver } from '@hookform/resolvers/zod';
import type { Template } from '@shared/answers/answers.schemas.ts';
import { TEMPLATE_TEXT_MAX } from '@shared/answers/answers.schemas.ts';
import { placeholderNames, unknownPlaceholders } from '@shared/answers/placeholders.ts';
import type { Me } from '@shared/identity/identity.schemas.ts';
import i18n from 'i18next';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { localName } from '../../../lib/format';
import { useOrganisations } from '../../reference/api/get-organisations';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import { useSaveTemplate } from '../api/templates';

// The server checks the same; here the operator sees at once which placeholder is wrong.
const formSchema = z
  .object({
    organisationId: z.uuid(),
    categoryId: z.string(),
    title: z.string().trim().min(3).max(200),
    text: z.string().trim().min(20).max(TEMPLATE_TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    const unknown = unknownPlaceholders(v.text);
    if (unknown.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: i18n.t('answerQuality.unknownPlaceholders', { list: unknown.join(', ') }),
      });
  });
type Values = z.infer<typeof formSchema>;
const fields = ['organisationId', 'categoryId', 'title', 'text'];

type Props = { user: Me; editing: Template | null; onDone: () => void };

/** Creates or changes a template: organisation (operators: their own), optional category, title, text. */
export function TemplateForm({ user, editing, onDone }: Props) {
  const { t } = useTranslation();
  const save = useSaveTemplate();
  const ownOrganisation = user.role === 'operator' ? user.organisationId : null;
  const organisations = useOrganisations(ownOrganisation === null);
  const { register, handleSubmit, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(formSchema),
    values: {
      organisationId: editing?.organisationId ?? ownOrganisation ?? '',
      categoryId: editing?.categoryId ?? '',
      title: editing?.title ?? '',
      text: editing?.text ?? '',
    },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (v) => {
    const categoryId = v.categoryId || null;
    try {
      if (editing)
        await save.mutateAsync({ id: editing.id, body: { categoryId, title: v.title, text: v.text } });
      else
        await save.mutateAsync({
          id: null,
          body: { organisationId: v.organisationId, categoryId, title: v.title, text: v.text },
        });
      reset();
      onDone();
    } catch (e) {
      applyServerErrors(e, setError, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {ownOrganisation === null && !editing && (
        <Field
          id="tpl-org"
          label={t('actions.fields.organisation')}
          error={errors.organisationId?.message}
          required
        >
          <select
            id="tpl-org"
            {...describedBy('tpl-org', { error: errors.organisationId?.message })}
            {...register('organisationId')}
          >
            <option value="">{t('actions.chooseOrganisation')}</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="tpl-category" label={t('answerQuality.category')} error={errors.categoryId?.message}>
        <select
          id="tpl-category"
          {...describedBy('tpl-category', { error: errors.categoryId?.message })}
          {...register('categoryId')}
        >
          <option value="">{t('answerQuality.anyCategory')}</option>
          <CategoryOptions wholeTopic={(topic) => t('answerQuality.wholeTopic', { topic })} />
        </select>
      </Field>
      <Field id="tpl-title" label={t('answerQuality.title')} error={errors.title?.message} required>
        <input
          id="tpl-title"
          {...describedBy('tpl-title', { error: errors.title?.message })}
          {...register('title')}
        />
      </Field>
      <Field
        id="tpl-text"
        label={t('answer.text')}
        hint={t('answerQuality.placeholdersHint', { list: placeholderNames.map((p) => `{${p}}`).join(', ') })}
        error={errors.text?.message}
        required
      >
        <textarea
          id="tpl-text"
          rows={6}
          {...describedBy('tpl-text', { error: errors.text?.message, hint: true })}
          {...register('text')}
        />
      </Field>
      <ErrorMessage error={save.error} fields={fields} />
      <div className="action-buttons">
        <button type="submit" className="button" disabled={save.isPending}>
          {editing ? t('answerQuality.save') : t('answerQuality.create')}
        </button>
        {editing && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('answerQuality.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
