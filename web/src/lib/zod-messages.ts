import i18n from 'i18next';
import type { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * Client-side validation messages in the UI language, from the shared catalogue (`validation.*`).
 * Messages written into the shared schemas as `vmeste:<key>` are translated by `fieldMessage`; the
 * rest are phrased from the issue code.
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
          : t('validation.min_chars', { count: Number(issue.minimum) });
      if (issue.origin === 'number') return t('validation.min_number', { min: Number(issue.minimum) });
      return t('validation.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('validation.max_chars', { count: Number(issue.maximum) });
      if (issue.origin === 'array') return t('validation.max_items', { count: Number(issue.maximum) });
      if (issue.origin === 'number') return t('validation.max_number', { max: Number(issue.maximum) });
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

/**
 * Translates `vmeste:<key>[:<argument>]` messages (written into the shared schemas) for display, as
 * the server does: the argument fills `{{value}}`, and `{{count}}` when it is a whole number.
 */
export function fieldMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message.startsWith('vmeste:')) {
    const [key = '', ...rest] = message.slice('vmeste:'.length).split(':');
    const value = rest.join(':');
    const params = rest.length === 0 ? {} : /^\d+$/.test(value) ? { value, count: Number(value) } : { value };
    return i18n.t(`validation.${key}`, { ...params, defaultValue: i18n.t('validation.invalid') });
  }
  return message;
}
