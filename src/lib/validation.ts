import { z } from 'zod';
import type { ErrorDetail, Locale } from './errors.ts';

/** Messages for our own refinements (`message: 'vmeste:<key>'` in the schemas). */
const customMessages: Record<string, Record<Locale, string>> = {
  bbox: {
    ru: 'Ожидается bbox: minLon,minLat,maxLon,maxLat',
    en: 'Expected bbox: minLon,minLat,maxLon,maxLat',
  },
  planned_date_required: {
    ru: 'Для результата «запланировано» укажите дату',
    en: 'A planned answer needs a date',
  },
  full_name: {
    ru: 'Укажите фамилию, имя и (при наличии) отчество',
    en: 'Enter your surname, first name and patronymic (if any)',
  },
  appellant_required: {
    ru: 'Для обращения по 59-ФЗ укажите ФИО и адрес для ответа',
    en: 'An appeal under 59-FZ needs your full name and an address for the answer',
  },
  answer_address_required: {
    ru: 'Укажите адрес электронной почты или почтовый адрес для ответа',
    en: 'Give an e-mail or a postal address for the answer',
  },
  appellant_only_for_appeals: {
    ru: 'Данные заявителя указываются только в обращении по 59-ФЗ',
    en: 'Appellant details belong to an appeal under 59-FZ only',
  },
  legal_reason_required: {
    ru: 'Для отказа укажите правовое основание',
    en: 'A rejection needs a legal reason',
  },
  // --- OpenID Connect sign-in ---
  local_path: {
    ru: 'Ожидается путь на этом сайте, начинающийся с «/»',
    en: 'Expected a path on this site starting with “/”',
  },
  // ---- answer quality ----
  period_order: {
    ru: 'Конец периода раньше его начала',
    en: 'The period ends before it starts',
  },
  // --- Import mapping file (vmeste import). ---
  import_source_name: {
    ru: 'Имя источника: строчные латинские буквы, цифры, точка, дефис, подчёркивание (до 63)',
    en: 'Source name: lower-case Latin letters, digits, dot, hyphen, underscore (up to 63)',
  },
  import_timezone: {
    ru: 'Часовой пояс: Z или смещение вида +03:00',
    en: 'Time zone: Z or an offset such as +03:00',
  },
  // ---- deadlines ----
  calendar_year_range: {
    ru: 'Год должен быть от 2000 до 2100',
    en: 'The year must be between 2000 and 2100',
  },
  shortened_must_be_working: {
    ru: 'Сокращённым может быть только рабочий день',
    en: 'Only a working day can be shortened',
  },
  extension_days_range: {
    ru: 'Продлить можно на 1–30 дней',
    en: 'A deadline can be extended by 1 to 30 days',
  },
  // ---- duplicates ----
  merge_primary_required: {
    ru: 'Укажите основное сообщение: либо его номер, либо идентификатор',
    en: 'Name the primary report: either its number or its id',
  },
  // ---- notifications ----
  preferences_empty: {
    ru: 'Укажите хотя бы одну настройку: email или language',
    en: 'Give at least one setting: email or language',
  },
  // ---- outbound webhooks ----
  webhook_url_invalid: {
    ru: 'Укажите полный адрес, например https://example.org/hook',
    en: 'Enter a full URL, e.g. https://example.org/hook',
  },
  webhook_url_scheme: {
    ru: 'Адрес должен начинаться с http:// или https://',
    en: 'The URL must start with http:// or https://',
  },
  webhook_url_credentials: {
    ru: 'Адрес не должен содержать имя пользователя или пароль',
    en: 'The URL must not contain a user name or password',
  },
  webhook_url_fragment: {
    ru: 'Адрес не должен содержать часть после #',
    en: 'The URL must not contain a #fragment',
  },
  webhook_unknown_event: {
    ru: 'Неизвестное событие; допустимы: report.created, report.status_changed, report.answer_published, report.redirected, report.merged, report.poll_closed, report.updated',
    en: 'Unknown event; allowed: report.created, report.status_changed, report.answer_published, report.redirected, report.merged, report.poll_closed, report.updated',
  },
  // ---- end of outbound webhooks ----
};

const ru = z.locales.ru().localeError;
const en = z.locales.en().localeError;

type Issue = z.core.$ZodIssue;

function describe(issue: Issue, locale: Locale): string {
  if (issue.message.startsWith('vmeste:')) {
    const key = issue.message.slice('vmeste:'.length);
    return customMessages[key]?.[locale] ?? issue.message;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return locale === 'ru' ? 'Обязательное поле' : 'Required';
  if (issue.code === 'too_big' && issue.origin === 'string')
    return locale === 'ru' ? `Не длиннее ${issue.maximum} символов` : `At most ${issue.maximum} characters`;
  if (issue.code === 'too_small' && issue.origin === 'string')
    return locale === 'ru' ? `Не короче ${issue.minimum} символов` : `At least ${issue.minimum} characters`;
  if (issue.code === 'too_big' && issue.origin === 'array')
    return locale === 'ru' ? `Не больше ${issue.maximum} элементов` : `At most ${issue.maximum} items`;
  if (issue.code === 'unrecognized_keys')
    return locale === 'ru'
      ? `Неизвестные поля: ${issue.keys.join(', ')}`
      : `Unknown fields: ${issue.keys.join(', ')}`;
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
