import { zodResolver } from '@hookform/resolvers/zod';
import { actionBodySchemas } from '@shared/reports/reports.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field, FieldError } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { formatDate } from '../../../../lib/format';
import type { ActionRequest } from '../../api/run-report-action';

type Values = { score?: string | null; solved?: string | null; comment?: string };

/** Radio values arrive as strings; the shared schema then checks the real types. */
const rateFormSchema = z
  .object({ score: z.string().nullish(), solved: z.string().nullish(), comment: z.string().optional() })
  // Missing answers become `undefined` on purpose: the shared schema then reports them as required.
  .transform(
    (v) =>
      ({
        score: v.score ? Number(v.score) : undefined,
        solved: v.solved === 'yes' ? true : v.solved === 'no' ? false : undefined,
        ...(v.comment?.trim() ? { comment: v.comment } : {}),
      }) as z.input<typeof actionBodySchemas.rate>,
  )
  .pipe(actionBodySchemas.rate);

type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  /** The end of the dispute window: an answer neither rated nor disputed by then is closed unrated. */
  until: string | null;
};

export function RateForm({ run, error, pending, until }: Props) {
  const { t } = useTranslation();
  const { register, handleSubmit, setError, formState } = useForm<
    Values,
    unknown,
    z.output<typeof rateFormSchema>
  >({
    resolver: zodResolver(rateFormSchema),
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'rate', body });
    } catch (e) {
      applyServerErrors(e, setError, ['score', 'solved', 'comment']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      {until && <p className="hint">{t('rating.until', { date: formatDate(until) })}</p>}
      <fieldset className="fieldset stars" aria-describedby={errors.score ? 'rate-score-error' : undefined}>
        <legend>{t('rating.score')}</legend>
        <div className="stars-row">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="star">
              <input type="radio" value={String(n)} {...register('score')} />
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">{t('rating.stars', { count: n })}</span>
              <span className="star-number" aria-hidden="true">
                {n}
              </span>
            </label>
          ))}
        </div>
        <FieldError id="rate-score-error" error={errors.score?.message} />
      </fieldset>
      <fieldset className="fieldset" aria-describedby={errors.solved ? 'rate-solved-error' : undefined}>
        <legend>{t('rating.solvedQuestion')}</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" value="yes" {...register('solved')} />
            {t('rating.solvedYes')}
          </label>
          <label className="radio">
            <input type="radio" value="no" {...register('solved')} />
            {t('rating.solvedNo')}
          </label>
        </div>
        <FieldError id="rate-solved-error" error={errors.solved?.message} />
      </fieldset>
      <Field id="rate-comment" label={t('rating.comment')} error={errors.comment?.message}>
        <textarea
          id="rate-comment"
          rows={3}
          {...describedBy('rate-comment', { error: errors.comment?.message })}
          {...register('comment')}
        />
      </Field>
      <ErrorMessage error={error} fields={['score', 'solved', 'comment']} />
      <button type="submit" className="button" disabled={pending}>
        {t('actions.submit.rate')}
      </button>
    </form>
  );
}
