import { zodResolver } from '@hookform/resolvers/zod';
import {
  type Answer,
  actionBodySchemas,
  answerResultSchema,
  REPORT_PHOTOS_MAX,
} from '@shared/reports/reports.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { TemplatePicker } from '../../../answers/components/TemplatePicker';
import { PhotoUploader } from '../../../media/components/PhotoUploader';
import type { ActionRequest } from '../../api/run-report-action';

type Values = z.input<(typeof actionBodySchemas)['draft-answer']>;
type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  draft: Answer | null;
  /** The report answered: its organisation's templates are offered (answer quality). */
  reportId?: string;
};

const fields = ['text', 'result', 'plannedDate', 'legalReason', 'mediaIds'];
const emptyToUndefined = (v: string | undefined) => (v?.trim() ? v : undefined);

/** The organisation's answer: a result, the text, and for "planned" a date, for "rejected" a legal reason. */
export function DraftAnswerForm({ run, error, pending, draft, reportId }: Props) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<Values>({
    resolver: zodResolver(actionBodySchemas['draft-answer']),
    defaultValues: {
      text: draft?.text ?? '',
      result: draft?.result ?? 'solved',
      plannedDate: draft?.plannedDate?.slice(0, 10) ?? undefined,
      legalReason: draft?.legalReason ?? undefined,
      mediaIds: draft?.photos.map((p) => p.id) ?? [],
    },
  });
  const errors = formState.errors;
  const result = watch('result');

  const onSubmit = handleSubmit(async (body) => {
    const clean = {
      ...body,
      plannedDate: body.result === 'planned' ? body.plannedDate : undefined,
      legalReason: body.result === 'rejected' ? body.legalReason : undefined,
    };
    try {
      await run({ action: 'draft-answer', body: clean });
    } catch (e) {
      applyServerErrors(e, setError, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <Field id="answer-result" label={t('answer.result')} error={errors.result?.message} required>
        <select
          id="answer-result"
          {...describedBy('answer-result', { error: errors.result?.message })}
          {...register('result')}
        >
          {answerResultSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`answer.results.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {result === 'planned' && (
        <Field
          id="answer-planned"
          label={t('answer.plannedDate')}
          error={errors.plannedDate?.message}
          required
        >
          <input
            id="answer-planned"
            type="date"
            {...describedBy('answer-planned', { error: errors.plannedDate?.message })}
            {...register('plannedDate', { setValueAs: emptyToUndefined })}
          />
        </Field>
      )}
      {result === 'rejected' && (
        <Field id="answer-legal" label={t('answer.legalReason')} error={errors.legalReason?.message} required>
          <input
            id="answer-legal"
            {...describedBy('answer-legal', { error: errors.legalReason?.message })}
            {...register('legalReason', { setValueAs: emptyToUndefined })}
          />
        </Field>
      )}
      {reportId && (
        <TemplatePicker
          reportId={reportId}
          onPick={(text) => setValue('text', text, { shouldValidate: true, shouldDirty: true })}
        />
      )}
      <Field
        id="answer-text"
        label={t('answer.text')}
        hint={t('answer.textHint')}
        error={errors.text?.message}
        required
      >
        <textarea
          id="answer-text"
          rows={6}
          {...describedBy('answer-text', { error: errors.text?.message, hint: true })}
          {...register('text')}
        />
      </Field>
      <PhotoUploader
        label={t('answer.afterPhotos')}
        hint={t('answer.afterPhotosHint')}
        max={REPORT_PHOTOS_MAX}
        error={errors.mediaIds?.message}
        onChange={(ids) => setValue('mediaIds', ids)}
        onBusyChange={setUploading}
      />
      <ErrorMessage error={error} fields={fields} />
      <button type="submit" className="button" disabled={pending || uploading}>
        {uploading ? t('photos.waitUpload') : t('actions.submit.draft-answer')}
      </button>
    </form>
  );
}
