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

type Values = { organisationId: string; comment?: string; reason?: string };
type Props = {
  /** The curator assigns (optional comment); an organisation redirects (mandatory, public reason). */
  action: 'assign' | 'redirect';
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  categoryId: string;
  /** The organisation that has the report now (not offered again). */
  currentOrganisationId?: string | null;
};

/** Hands the report to an organisation; those that serve its category are listed first. */
export function AssignForm({ action, run, error, pending, categoryId, currentOrganisationId }: Props) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const textField = action === 'redirect' ? 'reason' : 'comment';
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(actionBodySchemas[action] as unknown as z.ZodType<Values, Values>),
    defaultValues: { organisationId: '' },
  });
  const errors = formState.errors;
  const textError = errors[textField]?.message;
  const all = (organisations.data ?? []).filter((o) => o.id !== currentOrganisationId);
  const matching = all.filter((o) => o.categoryIds.includes(categoryId));
  const others = all.filter((o) => !o.categoryIds.includes(categoryId));

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action, body } as ActionRequest);
    } catch (e) {
      applyServerErrors(e, setError, ['organisationId', textField]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <Field
        id={`${action}-org`}
        label={t('actions.fields.organisation')}
        error={errors.organisationId?.message}
        required
      >
        <select
          id={`${action}-org`}
          {...describedBy(`${action}-org`, { error: errors.organisationId?.message })}
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
      <Field
        id={`${action}-${textField}`}
        label={t(action === 'redirect' ? 'actions.fields.redirect' : 'actions.fields.accept')}
        error={textError}
        required={action === 'redirect'}
      >
        <textarea
          id={`${action}-${textField}`}
          rows={2}
          {...describedBy(`${action}-${textField}`, { error: textError })}
          {...register(textField, { setValueAs: (v: string | undefined) => (v?.trim() ? v : undefined) })}
        />
      </Field>
      <ErrorMessage error={error} fields={['organisationId', textField]} />
      <button type="submit" className="button" disabled={pending}>
        {t(`actions.submit.${action}`)}
      </button>
    </form>
  );
}
