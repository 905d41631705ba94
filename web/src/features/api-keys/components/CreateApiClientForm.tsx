import { zodResolver } from '@hookform/resolvers/zod';
import { type CreateApiClientBody, createApiClientBodySchema } from '@shared/api-keys/api-keys.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { localName } from '../../../lib/format';
import { useOrganisations } from '../../reference/api/get-organisations';
import { useCreateApiClient } from '../api/create-api-client';

const fields = ['name', 'organisationId', 'rateLimitPerMinute'] as const;

/** Issues a key and shows it once, with the reminder that it cannot be shown again. */
export function CreateApiClientForm() {
  const { t } = useTranslation();
  const create = useCreateApiClient();
  const organisations = useOrganisations();
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const [error, setErrorState] = useState<unknown>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<CreateApiClientBody>({
    resolver: zodResolver(createApiClientBodySchema),
    defaultValues: { name: '' },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (body) => {
    setErrorState(null);
    setIssued(null);
    try {
      const created = await create.mutateAsync(body);
      setIssued({ name: created.client.name, key: created.key });
      reset({ name: '' });
    } catch (e) {
      applyServerErrors(e, setError, fields);
      setErrorState(e);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form card" aria-labelledby="api-key-new-heading">
      <h2 id="api-key-new-heading">{t('apiKeys.newTitle')}</h2>
      <ErrorMessage error={error} fields={fields} />
      <Field
        id="api-key-name"
        label={t('apiKeys.name')}
        hint={t('apiKeys.nameHint')}
        error={errors.name?.message}
        required
      >
        <input
          id="api-key-name"
          {...describedBy('api-key-name', { error: errors.name?.message, hint: true })}
          {...register('name')}
        />
      </Field>
      <Field
        id="api-key-org"
        label={t('apiKeys.organisation')}
        hint={t('apiKeys.organisationHint')}
        error={errors.organisationId?.message}
      >
        <select
          id="api-key-org"
          {...describedBy('api-key-org', { error: errors.organisationId?.message, hint: true })}
          {...register('organisationId', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
        >
          <option value="">{t('apiKeys.noOrganisation')}</option>
          {organisations.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {localName(o.name)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="api-key-limit"
        label={t('apiKeys.rateLimit')}
        hint={t('apiKeys.rateLimitHint')}
        error={errors.rateLimitPerMinute?.message}
      >
        <input
          id="api-key-limit"
          type="number"
          inputMode="numeric"
          min={1}
          {...describedBy('api-key-limit', { error: errors.rateLimitPerMinute?.message, hint: true })}
          {...register('rateLimitPerMinute', {
            setValueAs: (v: string) => (v === '' ? undefined : Number(v)),
          })}
        />
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? t('common.sending') : t('apiKeys.issue')}
      </button>
      <div role="status">
        {issued && (
          <div className="alert alert--success">
            <p>
              <strong>{t('apiKeys.issued', { name: issued.name })}</strong> {t('apiKeys.shownOnce')}
            </p>
            <p>
              <label htmlFor="api-key-value">{t('apiKeys.key')}</label>{' '}
              <input
                id="api-key-value"
                className="api-key-value"
                readOnly
                value={issued.key}
                onFocus={(e) => e.currentTarget.select()}
              />
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
