import { zodResolver } from '@hookform/resolvers/zod';
import { actionBodySchemas } from '@shared/reports/reports.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { localName } from '../../../../lib/format';
import { groupCategories, useCategories } from '../../../reference/api/get-categories';
import type { ActionRequest } from '../../api/run-report-action';

type Values = z.input<(typeof actionBodySchemas)['recategorise']>;
type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  currentCategoryId: string;
};

/** Staff correct the subject the resident chose; the classifier learns from the correction. */
export function RecategoriseForm({ run, error, pending, currentCategoryId }: Props) {
  const { t } = useTranslation();
  const categories = useCategories();
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(actionBodySchemas.recategorise),
    defaultValues: { categoryId: '' },
  });
  const errors = formState.errors;
  const groups = groupCategories(categories.data ?? []);

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'recategorise', body });
    } catch (e) {
      applyServerErrors(e, setError, ['categoryId', 'comment']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <Field
        id="recategorise-category"
        label={t('actions.fields.category')}
        error={errors.categoryId?.message}
        required
      >
        <select
          id="recategorise-category"
          {...describedBy('recategorise-category', { error: errors.categoryId?.message })}
          {...register('categoryId')}
        >
          <option value="">{categories.isPending ? t('common.loading') : t('actions.chooseCategory')}</option>
          {groups.map((g) => (
            <optgroup key={g.topic.id} label={localName(g.topic.name)}>
              {g.subjects
                .filter((c) => c.id !== currentCategoryId)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {localName(c.name)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id="recategorise-comment" label={t('actions.fields.accept')} error={errors.comment?.message}>
        <textarea
          id="recategorise-comment"
          rows={2}
          {...describedBy('recategorise-comment', { error: errors.comment?.message })}
          {...register('comment', { setValueAs: (v: string | undefined) => (v?.trim() ? v : undefined) })}
        />
      </Field>
      <ErrorMessage error={error} fields={['categoryId', 'comment']} />
      <button type="submit" className="button" disabled={pending}>
        {t('actions.submit.recategorise')}
      </button>
    </form>
  );
}
