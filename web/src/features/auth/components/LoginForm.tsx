import { zodResolver } from '@hookform/resolvers/zod';
import { type LoginBody, loginBodySchema } from '@shared/identity/identity.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess, defaultEmail }: { onSuccess: () => void; defaultEmail?: string }) {
  const { t } = useTranslation();
  const login = useLogin();
  const { register, handleSubmit, setError, formState } = useForm<LoginBody>({
    resolver: zodResolver(loginBodySchema),
    defaultValues: { email: defaultEmail ?? '', password: '' },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit((body) =>
    login.mutate(body, {
      onSuccess,
      onError: (error) => applyServerErrors(error, setError, ['email', 'password']),
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="form card">
      <ErrorMessage error={login.error} fields={['email', 'password']} />
      <Field id="login-email" label={t('auth.email')} error={errors.email?.message} required>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          {...describedBy('login-email', { error: errors.email?.message })}
          {...register('email')}
        />
      </Field>
      <Field id="login-password" label={t('auth.password')} error={errors.password?.message} required>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          {...describedBy('login-password', { error: errors.password?.message })}
          {...register('password')}
        />
      </Field>
      <button type="submit" className="button" disabled={login.isPending}>
        {login.isPending ? t('common.sending') : t('auth.loginSubmit')}
      </button>
    </form>
  );
}
