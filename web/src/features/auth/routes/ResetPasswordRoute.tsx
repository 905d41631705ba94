import { zodResolver } from '@hookform/resolvers/zod';
import {
  type PasswordResetComplete,
  type PasswordResetRequest,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
} from '@shared/identity/identity.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { usePageTitle } from '../../../components/use-page-title';
import { applyServerErrors } from '../../../lib/form-errors';
import { useCompletePasswordReset, useRequestPasswordReset } from '../api/account';

/**
 * Without a token: asks for the address and says a link is on its way (whether or not it has an
 * account). With the token from that link: sets the new password.
 */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  usePageTitle(t('auth.resetTitle'));
  const [search] = useSearchParams();
  const token = search.get('token');
  return (
    <div className="page page--narrow">
      <h1>{t('auth.resetTitle')}</h1>
      {token ? <NewPasswordForm token={token} /> : <RequestForm />}
    </div>
  );
}

function RequestForm() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const { register, handleSubmit, setError, formState } = useForm<PasswordResetRequest>({
    resolver: zodResolver(passwordResetRequestSchema),
    defaultValues: { email: '' },
  });
  const error = formState.errors.email?.message;
  const onSubmit = handleSubmit((body) =>
    request.mutate(body.email, { onError: (e) => applyServerErrors(e, setError, ['email']) }),
  );
  if (request.isSuccess)
    return (
      <p className="alert alert--success" role="status">
        {t('auth.resetSent')}
      </p>
    );
  return (
    <form onSubmit={onSubmit} noValidate className="form card">
      <ErrorMessage error={request.error} fields={['email']} />
      <Field id="reset-email" label={t('auth.email')} error={error} required>
        <input
          id="reset-email"
          type="email"
          autoComplete="username"
          {...describedBy('reset-email', { error })}
          {...register('email')}
        />
      </Field>
      <button type="submit" className="button" disabled={request.isPending}>
        {request.isPending ? t('common.sending') : t('auth.resetSubmit')}
      </button>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const complete = useCompletePasswordReset();
  const { register, handleSubmit, setError, formState } = useForm<PasswordResetComplete>({
    resolver: zodResolver(passwordResetCompleteSchema),
    defaultValues: { token, password: '' },
  });
  const error = formState.errors.password?.message;
  const onSubmit = handleSubmit((body) =>
    complete.mutate(body, { onError: (e) => applyServerErrors(e, setError, ['password']) }),
  );
  if (complete.isSuccess)
    return (
      <p className="alert alert--success" role="status">
        {t('auth.resetDone')} <Link to="/login">{t('auth.loginLink')}</Link>
      </p>
    );
  return (
    <form onSubmit={onSubmit} noValidate className="form card">
      <ErrorMessage error={complete.error} fields={['password']} />
      <Field
        id="reset-password"
        label={t('auth.newPassword')}
        hint={t('auth.passwordHint')}
        error={error}
        required
      >
        <input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          {...describedBy('reset-password', { error, hint: true })}
          {...register('password')}
        />
      </Field>
      <button type="submit" className="button" disabled={complete.isPending}>
        {complete.isPending ? t('common.sending') : t('auth.resetSave')}
      </button>
    </form>
  );
}
