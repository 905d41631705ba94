import { zodResolver } from '@hookform/resolvers/zod';
import { type RegisterBody, registerBodySchema } from '@shared/identity/identity.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { useLogin } from '../api/login';
import { useRegister } from '../api/register';

/**
 * Creates the account, then signs in with the same credentials; where the address must be confirmed
 * first, says to open the link e-mailed instead (the answer never says whether the address was taken).
 */
export function RegisterForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const registration = useRegister();
  const login = useLogin();
  const [error, setErrorState] = useState<unknown>(null);
  const [checkMail, setCheckMail] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<RegisterBody>({
    resolver: zodResolver(registerBodySchema),
    defaultValues: { name: '', email: '', password: '' },
  });
  const errors = formState.errors;
  const busy = registration.isPending || login.isPending;

  const onSubmit = handleSubmit(async (body) => {
    setErrorState(null);
    try {
      const answer = await registration.mutateAsync(body);
      if (answer.confirmationRequired) {
        setCheckMail(true);
        return;
      }
      await login.mutateAsync({ email: body.email, password: body.password });
      onSuccess();
    } catch (e) {
      applyServerErrors(e, setError, ['name', 'email', 'password']);
      setErrorState(e);
    }
  });

  if (checkMail)
    return (
      <p className="alert alert--success" role="status">
        {t('auth.checkMail')}
      </p>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="form card">
      <ErrorMessage error={error} fields={['name', 'email', 'password']} />
      <Field id="reg-name" label={t('auth.name')} error={errors.name?.message} required>
        <input
          id="reg-name"
          autoComplete="name"
          {...describedBy('reg-name', { error: errors.name?.message })}
          {...register('name')}
        />
      </Field>
      <Field id="reg-email" label={t('auth.email')} error={errors.email?.message} required>
        <input
          id="reg-email"
          type="email"
          autoComplete="email"
          {...describedBy('reg-email', { error: errors.email?.message })}
          {...register('email')}
        />
      </Field>
      <Field
        id="reg-password"
        label={t('auth.password')}
        hint={t('auth.passwordHint')}
        error={errors.password?.message}
        required
      >
        <input
          id="reg-password"
          type="password"
          autoComplete="new-password"
          {...describedBy('reg-password', { error: errors.password?.message, hint: true })}
          {...register('password')}
        />
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('common.sending') : t('auth.registerSubmit')}
      </button>
    </form>
  );
}
