import { z } from 'zod';
import type { ErrorDetail, Locale } from './errors.ts';
import { validationText } from './messages/index.ts';

const ru = z.locales.ru().localeError;
const en = z.locales.en().localeError;

type Issue = z.core.$ZodIssue;

/** A catalogue message that is always there (the catalogue test checks every `vmeste:` reference). */
function text(reference: string, locale: Locale, params?: Record<string, string | number>): string {
  return validationText(reference, locale, params) ?? reference;
}

function describe(issue: Issue, locale: Locale): string {
  // Our own refinements name their message `vmeste:<key>`; an unknown key is shown as it is.
  if (issue.message.startsWith('vmeste:')) return validationText(issue.message, locale) ?? issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) return text('vmeste:required', locale);
  if (issue.code === 'too_big' && issue.origin === 'string')
    return text('vmeste:max_chars', locale, { count: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'string')
    return text('vmeste:min_chars', locale, { count: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'array')
    return text('vmeste:max_items', locale, { count: Number(issue.maximum) });
  if (issue.code === 'unrecognized_keys')
    return text('vmeste:unknown_fields', locale, { value: issue.keys.join(', ') });
  // The rest is phrased by zod's own locales, which name the expected and received types.
  const map = locale === 'ru' ? ru : en;
  const localised = map(issue as never);
  if (typeof localised === 'string') return localised;
  return localised?.message ?? issue.message;
}

/** Every problem, with its path, in the caller's language. */
export function describeIssues(issues: readonly Issue[], locale: Locale, prefix?: string): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return {
      path: prefix ? (path ? `${prefix}.${path}` : prefix) : path,
      message: describe(issue, locale),
      code: issue.code,
    };
  });
}
