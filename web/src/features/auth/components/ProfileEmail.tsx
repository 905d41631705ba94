import { zodResolver } from '@hookform/resolvers/zod';
import { type ChangeEmailBody, changeEmailBodySchema } from '@shared/identity/identity.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { useChangeEmail } from '../api/profile';

const FIELDS = ['newEmail', 'currentPassword'] as const;

/**
 * A new e-mail address, behind a disclosure: the current password, then a link to the new address
 * that makes it the account's when opened (the address stays as it is until then).
 */
export function ProfileEmail() {
  const { t } = useTranslation();
  const change = useChangeEmail();
  const { register, handleSubmit, setError, formState, getValues } = useForm<ChangeEmailBody>({
    resolver: zodResolver(changeEmailBodySchema),
    defaultValues: { newEmail: '', currentPassword: '' },
  });
  const errors = {
    newEmail: formState.errors.newEmail?.message,
    currentPassword: formState.errors.currentPassword?.message,
  };
  const onSubmit = handleSubmit((body) =>
    change.mutate(body, { onError: (e) => applyServerErrors(e, setError, FIELDS) }),
  );
  return (
    <details className="profile-email">
      <summary>{t('profile.emailChange.change')}</summary>
      {change.isSuccess ? (
        <p className="alert alert--success" role="status">
          {t('profile.emailChange.sent', { email: getValues('newEmail') })}
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="form">
          <ErrorMessage error={change.error} fields={FIELDS} />
          <Field id="new-email" label={t('profile.emailChange.new')} error={errors.newEmail} required>
            <input
              id="new-email"
              type="email"
              autoComplete="email"
              {...describedBy('new-email', { error: errors.newEmail })}
              {...register('newEmail')}
            />
          </Field>
          <Field
            id="email-password"
            label={t('profile.password.current')}
            error={errors.currentPassword}
            required
          >
            <input
              id="email-password"
              type="password"
              autoComplete="current-password"
              {...describedBy('email-password', { error: errors.currentPassword })}
              {...register('currentPassword')}
            />
          </Field>
          <button type="submit" className="button" disabled={change.isPending}>
            {change.isPending ? t('common.sending') : t('profile.emailChange.submit')}
          </button>
        </form>
      )}
    </details>
  );
}
