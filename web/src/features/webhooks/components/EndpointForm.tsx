import { zodResolver } from '@hookform/resolvers/zod';
import { type CreateEndpointInput, createEndpointSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field, FieldError } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { type EndpointWithSecret, useCreateWebhook } from '../api/create-webhook';

type FormInput = z.input<typeof createEndpointSchema>;
const fields = ['url', 'events', 'description', 'secret'] as const;

/** Registers an endpoint; on success the parent shows the secret (once). */
export function EndpointForm({
  events,
  onCreated,
}: {
  events: string[];
  onCreated: (r: EndpointWithSecret) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [error, setErrorState] = useState<unknown>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<
    FormInput,
    unknown,
    CreateEndpointInput
  >({
    resolver: zodResolver(createEndpointSchema),
    defaultValues: { url: '', events: ['report.created', 'report.status_changed'], description: '' },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async ({ secret, ...body }) => {
    setErrorState(null);
    try {
      const created = await create.mutateAsync({ ...body, ...(secret ? { secret } : {}) });
      reset();
      onCreated(created);
    } catch (e) {
      applyServerErrors(e, setError, fields);
      setErrorState(e);
    }
  });
  const eventsError = errors.events?.message ?? errors.events?.root?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <ErrorMessage error={error} fields={fields} />
      <Field
        id="wh-url"
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        error={errors.url?.message}
        required
      >
        <input
          id="wh-url"
          type="url"
          inputMode="url"
          placeholder="https://"
          {...describedBy('wh-url', { error: errors.url?.message, hint: true })}
          {...register('url')}
        />
      </Field>
      <fieldset className="fieldset" aria-describedby={eventsError ? 'wh-events-error' : undefined}>
        <legend>
          {t('webhooks.events')}
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {events.map((name) => (
          <label key={name} className="checkbox">
            <input type="checkbox" value={name} {...register('events')} /> <code>{name}</code> —{' '}
            {t(`webhooks.eventNames.${name}`, { defaultValue: name })}
          </label>
        ))}
        <FieldError id="wh-events-error" error={eventsError} />
      </fieldset>
      <Field id="wh-description" label={t('webhooks.description')} error={errors.description?.message}>
        <input
          id="wh-description"
          {...describedBy('wh-description', { error: errors.description?.message })}
          {...register('description')}
        />
      </Field>
      <Field
        id="wh-secret"
        label={t('webhooks.secret')}
        hint={t('webhooks.secretHint')}
        error={errors.secret?.message}
      >
        <input
          id="wh-secret"
          autoComplete="off"
          {...describedBy('wh-secret', { error: errors.secret?.message, hint: true })}
          {...register('secret', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
        />
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? t('common.sending') : t('webhooks.create')}
      </button>
    </form>
  );
}
