import i18n from 'i18next';
import type { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * Client-side validation messages in the UI language. Messages written into the shared schemas as
 * `vmeste:<key>` are translated from `validation.<key>`; the rest are phrased from the issue code.
 */
export function zodErrorMap(issue: Issue): string | undefined {
  const t = i18n.t.bind(i18n);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || Number.isNaN(issue.input)
        ? t('validation.required')
        : t('validation.invalid');
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.minChars', { count: Number(issue.minimum) });
      if (issue.origin === 'number') return t('validation.minNumber', { min: Number(issue.minimum) });
      return t('validation.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxChars', { count: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.maxItems', { count: Number(issue.maximum) });
      if (issue.origin === 'number') return t('validation.maxNumber', { max: Number(issue.maximum) });
      return t('validation.invalid');
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'uuid') return t('validation.choose');
      if (issue.format === 'date') return t('validation.date');
      return t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return undefined;
  }
}

/** Translates `vmeste:<key>` messages (written into the shared schemas) for display. */
export function fieldMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message.startsWith('vmeste:')) {
    const key = message.slice('vmeste:'.length);
    return i18n.t(`validation.${key}`, { defaultValue: i18n.t('validation.invalid') });
  }
  return message;
}
