import { zodResolver } from '@hookform/resolvers/zod';
import { type ChangeEmailBody, changeEmailBodySchema } from '@shared/identity/identity.schemas.ts';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { useCancelEmailChange, useChangeEmail, usePendingEmailChange } from '../api/profile';

const FIELDS = ['newEmail', 'currentPassword'] as const;

/**
 * The new address a link waits at, kept across visits, with a way to withdraw it. Right after a
 * request it is the request's confirmation too, and takes the focus (`justAsked`).
 */
function PendingEmail({ justAsked }: { justAsked: boolean }) {
  const { t } = useTranslation();
  const pending = usePendingEmailChange().data?.pending;
  const cancel = useCancelEmailChange();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justAsked && pending) box.current?.focus();
  }, [justAsked, pending]);
  if (!pending) return null;
  return (
    <div ref={box} tabIndex={-1} className="alert alert--info profile-email-pending" role="status">
      <p>
        {t('profile.emailChange.pending', {
          email: pending.email,
          until: formatDateTime(pending.expiresAt),
        })}
      </p>
      <ErrorMessage error={cancel.error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate()}
      >
        {t('profile.emailChange.cancel')}
      </button>
    </div>
  );
}

/**
 * A new e-mail address, behind a disclosure: the current password, then a link to the new address
 * that makes it the account's when opened (the address stays as it is until then). A change asked
 * for shows above it until its link is opened, expires or is withdrawn; the form closes and empties
 * once a request is sent, so after a withdrawal it is ready for the next address.
 */
export function ProfileEmail() {
  const { t } = useTranslation();
  const change = useChangeEmail();
  const disclosure = useRef<HTMLDetailsElement>(null);
  const [justAsked, setJustAsked] = useState(false);
  const { register, handleSubmit, setError, formState, reset } = useForm<ChangeEmailBody>({
    resolver: zodResolver(changeEmailBodySchema),
    defaultValues: { newEmail: '', currentPassword: '' },
  });
  const errors = {
    newEmail: formState.errors.newEmail?.message,
    currentPassword: formState.errors.currentPassword?.message,
  };
  const onSubmit = handleSubmit((body) =>
    change.mutate(body, {
      onError: (e) => applyServerErrors(e, setError, FIELDS),
      onSuccess: () => {
        reset();
        if (disclosure.current) disclosure.current.open = false;
        setJustAsked(true);
      },
    }),
  );
  return (
    <>
      <PendingEmail justAsked={justAsked} />
      <details ref={disclosure} className="profile-email">
        <summary>{t('profile.emailChange.change')}</summary>
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
      </details>
    </>
  );
}
