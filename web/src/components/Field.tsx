import type { ReactNode } from 'react';
import { fieldMessage } from '../lib/zod-messages';

type Props = {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
};

/** A labelled control with its hint and error, wired with aria-describedby by id convention. */
export function Field({ id, label, error, hint, required, children }: Props) {
  const message = fieldMessage(error);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {message && (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

/** aria-describedby / aria-invalid for a control rendered inside <Field id=…>. */
export function describedBy(id: string, opts: { error?: string; hint?: boolean }) {
  const ids = [opts.hint ? `${id}-hint` : '', opts.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': opts.error ? true : undefined };
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  const message = fieldMessage(error);
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}
