import type { LocalisedName } from '@shared/reference/reference.schemas.ts';
import i18n from 'i18next';

export function localName(name: LocalisedName | null | undefined): string {
  if (!name) return '';
  return i18n.language === 'en' ? name.en || name.ru : name.ru || name.en;
}

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'ru-RU';
}

/** A calendar date without a time (`2026-11-07`: a work's planned day, a report period's bound). */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // A calendar date is read as midnight UTC: shown in the browser's zone, west of Greenwich it would
  // be the day before.
  const zone = DATE_ONLY.test(iso) ? { timeZone: 'UTC' } : {};
  return d.toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', ...zone });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * A random UUID (v4): idempotency keys of submissions, keys of hand-made records. `crypto.randomUUID`
 * needs a secure context, so plain-HTTP deployments get one from `getRandomValues`.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A share 0..1 as a percentage in the UI language ("93 %" in Russian, "93%" in English). */
export function formatPercent(share: number, maxFractionDigits = 0, minFractionDigits = 0): string {
  return share.toLocaleString(locale(), {
    style: 'percent',
    minimumFractionDigits: minFractionDigits,
    maximumFractionDigits: maxFractionDigits,
  });
}

/**
 * Two shares compared side by side (a confidence and its threshold): whole percents, or as many
 * decimals (up to three) as it takes for different values not to look equal.
 */
export function formatPercentPair(a: number, b: number): [string, string] {
  let digits = 0;
  while (digits < 3 && a !== b && formatPercent(a, digits, digits) === formatPercent(b, digits, digits))
    digits++;
  return [formatPercent(a, digits, digits), formatPercent(b, digits, digits)];
}

export function formatNumber(n: number): string {
  return n.toLocaleString(locale());
}
