import { zodResolver } from '@hookform/resolvers/zod';
import { mergeBodySchema } from '@shared/duplicates/duplicates.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import type { ActionRequest } from '../../reports/api/run-report-action';
import { useMergeCandidates } from '../api/get-merge-candidates';

type Values = z.input<typeof mergeBodySchema>;
type Props = {
  reportId: string;
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
};

const fields = ['primaryNumber', 'primaryId', 'comment'];

/** Staff join this report to its primary, chosen by number (similar open reports are suggested). */
export function MergeForm({ reportId, run, error, pending }: Props) {
  const { t } = useTranslation();
  const candidates = useMergeCandidates(reportId);
  const { register, handleSubmit, setError, setValue, formState } = useForm<Values>({
    resolver: zodResolver(mergeBodySchema),
  });
  const errors = formState.errors;
  const numberError = errors.primaryNumber?.message ?? errors.primaryId?.message;

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'merge', body });
    } catch (e) {
      applyServerErrors(e, setError, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      {(candidates.data ?? []).length > 0 && (
        <div className="field">
          <p className="label">{t('duplicates.candidates')}</p>
          <ul className="similar-list">
            {(candidates.data ?? []).map((c) => (
              <li key={c.id} className="similar-item">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    setValue('primaryNumber', c.number, { shouldValidate: formState.isSubmitted })
                  }
                >
                  {t('report.number', { number: c.number })}
                </button>{' '}
                <span className="muted">{t('duplicates.distance', { count: c.distanceMeters })}</span>
                <p className="similar-item__text">{c.shortText}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Field id="merge-primary" label={t('duplicates.primaryNumber')} error={numberError} required>
        <input
          id="merge-primary"
          type="number"
          inputMode="numeric"
          min={1}
          {...describedBy('merge-primary', { error: numberError })}
          {...register('primaryNumber', {
            setValueAs: (v: string | number) => (v === '' || v === undefined ? undefined : Number(v)),
          })}
        />
      </Field>
      <Field id="merge-comment" label={t('actions.fields.accept')} error={errors.comment?.message}>
        <textarea
          id="merge-comment"
          rows={2}
          {...describedBy('merge-comment', { error: errors.comment?.message })}
          {...register('comment', { setValueAs: (v: string | undefined) => (v?.trim() ? v : undefined) })}
        />
      </Field>
      <ErrorMessage error={error} fields={fields} />
      <button type="submit" className="button" disabled={pending}>
        {t('actions.submit.merge')}
      </button>
    </form>
  );
}
