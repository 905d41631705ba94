import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { describedBy, Field } from '../../../components/Field';
import type { ReportFormInput, ReportFormOutput } from './report-form-schema';

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v : undefined);

/**
 * A 59-ФЗ appeal: who appeals and where the answer goes. Shown only when the resident chooses an
 * official appeal; the data is seen by the resident and the staff who handle it, never published.
 */
export function AppealFields({ form }: { form: UseFormReturn<ReportFormInput, unknown, ReportFormOutput> }) {
  const { t } = useTranslation();
  const { register, formState } = form;
  const errors = formState.errors.appellant;
  const fullNameError = errors?.fullName?.message ?? errors?.message;
  return (
    <fieldset className="fieldset">
      <legend>{t('appeal.legend')}</legend>
      <p className="hint">{t('appeal.lead')}</p>
      <Field id="appellant-name" label={t('appeal.fullName')} error={fullNameError} required>
        <input
          id="appellant-name"
          autoComplete="name"
          {...describedBy('appellant-name', { error: fullNameError })}
          {...register('appellant.fullName')}
        />
      </Field>
      <Field
        id="appellant-email"
        label={t('appeal.email')}
        hint={t('appeal.addressHint')}
        error={errors?.email?.message}
      >
        <input
          id="appellant-email"
          type="email"
          autoComplete="email"
          {...describedBy('appellant-email', { error: errors?.email?.message, hint: true })}
          {...register('appellant.email', { setValueAs: blankToUndefined })}
        />
      </Field>
      <Field id="appellant-post" label={t('appeal.postalAddress')} error={errors?.postalAddress?.message}>
        <textarea
          id="appellant-post"
          rows={2}
          autoComplete="street-address"
          {...describedBy('appellant-post', { error: errors?.postalAddress?.message })}
          {...register('appellant.postalAddress', { setValueAs: blankToUndefined })}
        />
      </Field>
    </fieldset>
  );
}
