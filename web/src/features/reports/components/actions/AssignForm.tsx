import { zodResolver } from '@hookform/resolvers/zod';
import { actionBodySchemas } from '@shared/reports/reports.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { localName } from '../../../../lib/format';
import { useOrganisations } from '../../../reference/api/get-organisations';
import type { ActionRequest } from '../../api/run-report-action';

type Values = z.input<(typeof actionBodySchemas)['assign']>;
type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  categoryId: string;
};

/** Hands the report to an organisation; those that serve its category are listed first. */
export function AssignForm({ run, error, pending, categoryId }: Props) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(actionBodySchemas.assign),
    defaultValues: { organisationId: '' },
  });
  const errors = formState.errors;
  const all = organisations.data ?? [];
  const matching = all.filter((o) => o.categoryIds.includes(categoryId));
  const others = all.filter((o) => !o.categoryIds.includes(categoryId));

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'assign', body });
    } catch (e) {
      applyServerErrors(e, setError, ['organisationId', 'comment']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <Field
        id="assign-org"
        label={t('actions.fields.organisation')}
        error={errors.organisationId?.message}
        required
      >
        <select
          id="assign-org"
          {...describedBy('assign-org', { error: errors.organisationId?.message })}
          {...register('organisationId')}
        >
          <option value="">
            {organisations.isPending ? t('common.loading') : t('actions.chooseOrganisation')}
          </option>
          {matching.length > 0 && (
            <optgroup label={t('actions.organisationsMatching')}>
              {matching.map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o.name)}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={t('actions.organisationsOther')}>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <Field id="assign-comment" label={t('actions.fields.accept')} error={errors.comment?.message}>
        <textarea
          id="assign-comment"
          rows={2}
          {...describedBy('assign-comment', { error: errors.comment?.message })}
          {...register('comment', { setValueAs: (v: string | undefined) => (v?.trim() ? v : undefined) })}
        />
      </Field>
      <ErrorMessage error={error} fields={['organisationId', 'comment']} />
      <button type="submit" className="button" disabled={pending}>
        {t('actions.submit.assign')}
      </button>
    </form>
  );
}
