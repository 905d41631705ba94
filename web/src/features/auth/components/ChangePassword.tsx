import { zodResolver } from '@hookform/resolvers/zod';
import { type ChangePasswordBody, changePasswordBodySchema } from '@shared/identity/identity.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { useChangePassword } from '../api/profile';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/**
 * A new password, given the current one. Someone who signs in only through an external provider has
 * never had a password: the reset link sets their first one.
 */
export function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const { register, handleSubmit, setError, formState, reset } = useForm<ChangePasswordBody>({
    resolver: zodResolver(changePasswordBodySchema),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const errors = {
    currentPassword: formState.errors.currentPassword?.message,
    newPassword: formState.errors.newPassword?.message,
  };
  const onSubmit = handleSubmit((body) =>
    change.mutate(body, {
      onSuccess: () => reset(),
      onError: (e) => applyServerErrors(e, setError, FIELDS),
    }),
  );
  return (
    <Card title={t('profile.password.title')}>
      <form onSubmit={onSubmit} noValidate className="form">
        <ErrorMessage error={change.error} fields={FIELDS} />
        <Field
          id="current-password"
          label={t('profile.password.current')}
          error={errors.currentPassword}
          required
        >
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            {...describedBy('current-password', { error: errors.currentPassword })}
            {...register('currentPassword')}
          />
        </Field>
        <Field
          id="new-password"
          label={t('auth.newPassword')}
          hint={t('auth.passwordHint')}
          error={errors.newPassword}
          required
        >
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            {...describedBy('new-password', { error: errors.newPassword, hint: true })}
            {...register('newPassword')}
          />
        </Field>
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? t('profile.saving') : t('profile.password.submit')}
        </button>
        {change.isSuccess && (
          <p className="alert alert--success" role="status">
            {t('profile.password.done')}
          </p>
        )}
        <p className="hint">
          {t('profile.password.noPassword')} <Link to="/account/reset">{t('profile.password.setLink')}</Link>
        </p>
      </form>
    </Card>
  );
}
