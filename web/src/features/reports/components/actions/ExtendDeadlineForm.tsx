import { zodResolver } from '@hookform/resolvers/zod';
import { actionBodySchemas } from '@shared/reports/reports.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import { formatDate } from '../../../../lib/format';
import type { ActionRequest } from '../../api/run-report-action';

type Values = { days?: string; reason?: string };

/** The number input gives a string; the shared schema then checks the number and the reason. */
const extendFormSchema = z
  .object({ days: z.string().optional(), reason: z.string().optional() })
  .transform(
    (v) =>
      ({
        days: v.days?.trim() ? Number(v.days) : undefined,
        reason: v.reason ?? '',
      }) as z.input<(typeof actionBodySchemas)['extend-deadline']>,
  )
  .pipe(actionBodySchemas['extend-deadline']);

type Props = {
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
  kind: 'report' | 'appeal';
  dueAt: string | null;
};

/** The one extension of the deadline: working days for a report, calendar days (≤ 30) for an appeal. */
export function ExtendDeadlineForm({ run, error, pending, kind, dueAt }: Props) {
  const { t } = useTranslation();
  const { register, handleSubmit, setError, formState } = useForm<
    Values,
    unknown,
    z.output<typeof extendFormSchema>
  >({ resolver: zodResolver(extendFormSchema) });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action: 'extend-deadline', body });
    } catch (e) {
      applyServerErrors(e, setError, ['days', 'reason']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <p className="hint">
        {t('deadlines.extendHint', { date: formatDate(dueAt) })}{' '}
        {kind === 'appeal' ? t('deadlines.extendAppealHint') : ''}
      </p>
      <Field
        id="extend-days"
        label={t(kind === 'appeal' ? 'deadlines.daysCalendar' : 'deadlines.daysWorking')}
        error={errors.days?.message}
        required
      >
        <input
          id="extend-days"
          type="number"
          min={1}
          max={30}
          inputMode="numeric"
          {...describedBy('extend-days', { error: errors.days?.message })}
          {...register('days')}
        />
      </Field>
      <Field id="extend-reason" label={t('deadlines.reason')} error={errors.reason?.message} required>
        <textarea
          id="extend-reason"
          rows={3}
          {...describedBy('extend-reason', { error: errors.reason?.message })}
          {...register('reason')}
        />
      </Field>
      <ErrorMessage error={error} fields={['days', 'reason']} />
      <button type="submit" className="button" disabled={pending}>
        {t('actions.submit.extend-deadline')}
      </button>
    </form>
  );
}
