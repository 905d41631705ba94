import { zodResolver } from '@hookform/resolvers/zod';
import { actionBodySchemas, REPORT_PHOTOS_MAX } from '@shared/reports/reports.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { formatDate } from '../../../../lib/format';
import { PhotoUploader } from '../../../media/components/PhotoUploader';
import type { ActionRequest } from '../../api/run-report-action';

type Values = z.input<(typeof actionBodySchemas)['dispute']>;
type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  until: string | null;
};

/** The author disagrees with the answer: a comment and photos of how things really are. */
export function DisputeForm({ run, error, pending, until }: Props) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const { register, handleSubmit, setError, setValue, formState } = useForm<Values>({
    resolver: zodResolver(actionBodySchemas.dispute),
    defaultValues: { comment: '', mediaIds: [] },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'dispute', body });
    } catch (e) {
      applyServerErrors(e, setError, ['comment', 'mediaIds']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      {until && <p className="hint">{t('dispute.until', { date: formatDate(until) })}</p>}
      <Field id="dispute-comment" label={t('dispute.comment')} error={errors.comment?.message} required>
        <textarea
          id="dispute-comment"
          rows={4}
          {...describedBy('dispute-comment', { error: errors.comment?.message })}
          {...register('comment')}
        />
      </Field>
      <PhotoUploader
        label={t('dispute.photos')}
        max={REPORT_PHOTOS_MAX}
        error={errors.mediaIds?.message}
        onChange={(ids) => setValue('mediaIds', ids)}
        onBusyChange={setUploading}
      />
      <ErrorMessage error={error} fields={['comment', 'mediaIds']} />
      <button type="submit" className="button button--danger" disabled={pending || uploading}>
        {t('actions.submit.dispute')}
      </button>
    </form>
  );
}
