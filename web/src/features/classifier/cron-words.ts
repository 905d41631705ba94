import type { TFunction } from 'i18next';

const two = (n: number) => String(n).padStart(2, '0');
const int = (s: string, min: number, max: number) => {
  if (!/^\d{1,2}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

/**
 * The retraining schedule said in words (ru/en) for the shapes a region sets: every day, on a
 * weekday, on a day of the month, every N hours. Anything else is null, and the screen shows the
 * expression itself with a note that it is a cron expression.
 */
export function cronInWords(expression: string, t: TFunction): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [m, h, dom, month, dow] = parts as [string, string, string, string, string];
  if (month !== '*') return null;
  const minute = int(m, 0, 59);
  if (minute === null) return null;
  const everyHours = /^\*\/(\d{1,2})$/.exec(h);
  if (everyHours && dom === '*' && dow === '*') {
    const n = int(everyHours[1] ?? '', 1, 23);
    return n === null ? null : t('classifier.cron.everyHours', { count: n, minute: two(minute) });
  }
  const hour = int(h, 0, 23);
  if (hour === null) return null;
  const time = `${two(hour)}:${two(minute)}`;
  if (dom === '*' && dow === '*') return t('classifier.cron.daily', { time });
  if (dom === '*' && /^[0-7]$/.test(dow))
    return t('classifier.cron.weekly', { time, day: t(`classifier.cron.weekday.${Number(dow) % 7}`) });
  if (dow === '*' && int(dom, 1, 31) !== null)
    return t('classifier.cron.monthly', { time, day: Number(dom) });
  return null;
}
