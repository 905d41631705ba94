import { zodResolver } from '@hookform/resolvers/zod';
import type { ReportAction } from '@shared/reports/report-states.ts';
import { actionBodySchemas } from '@shared/reports/reports.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorMessage } from '../../../../components/ErrorMessage';
import { describedBy, Field } from '../../../../components/Field';
import { applyServerErrors } from '../../../../lib/form-errors';
import type { ActionRequest } from '../../api/run-report-action';

/** Actions whose body is one text field (required or optional). */
export const textActionFields = {
  accept: { field: 'comment', required: false },
  reject: { field: 'reason', required: true },
  'request-clarification': { field: 'question', required: true },
  clarify: { field: 'answer', required: true },
  'return-answer': { field: 'comment', required: true },
  reopen: { field: 'comment', required: false },
  close: { field: 'reason', required: true },
} as const satisfies Partial<Record<ReportAction, { field: string; required: boolean }>>;

export type TextAction = keyof typeof textActionFields;

type Props = {
  action: TextAction;
  reportId: string;
  run: (request: ActionRequest) => Promise<unknown>;
  error: unknown;
  pending: boolean;
};

type Values = Record<string, string | undefined>;

export function TextActionForm({ action, reportId, run, error, pending }: Props) {
  const { t } = useTranslation();
  const { field, required } = textActionFields[action];
  const schema = actionBodySchemas[action] as unknown as z.ZodType<Values, Values>;
  const { register, handleSubmit, setError, formState, reset } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {},
  });
  const id = `${action}-${field}-${reportId.slice(0, 8)}`;
  const fieldError = formState.errors[field]?.message;

  const onSubmit = handleSubmit(async (body) => {
    try {
      await run({ action, body } as ActionRequest);
      reset({});
    } catch (e) {
      applyServerErrors(e, setError, [field]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form action-form">
      <Field id={id} label={t(`actions.fields.${action}`)} error={fieldError} required={required}>
        <textarea
          id={id}
          rows={3}
          {...describedBy(id, { error: fieldError })}
          {...register(field, { setValueAs: (v: string | undefined) => (v?.trim() ? v : undefined) })}
        />
      </Field>
      <ErrorMessage error={error} fields={[field]} />
      <button
        type="submit"
        className={`button${action === 'reject' || action === 'close' ? ' button--danger' : ''}`}
        disabled={pending}
      >
        {t(`actions.submit.${action}`)}
      </button>
    </form>
  );
}
