/**
 * One catalogue of error codes: each stable snake_case code maps to an HTTP status and to a
 * message in every UI language. Services throw AppError; the error handler presents it as
 * `{ error: { code, message, details } }` in the caller's language.
 */
export type Locale = 'ru' | 'en';

type CatalogueEntry = { status: number; ru: string; en: string };

export const errorCatalogue = {
  validation_failed: { status: 400, ru: 'Проверьте введённые данные', en: 'Please check the submitted data' },
  malformed_json: {
    status: 400,
    ru: 'Тело запроса — некорректный JSON',
    en: 'The request body is not valid JSON',
  },
  unauthenticated: { status: 401, ru: 'Войдите, чтобы продолжить', en: 'Please sign in to continue' },
  session_expired: {
    status: 401,
    ru: 'Сессия истекла, войдите снова',
    en: 'Your session has expired, please sign in again',
  },
  invalid_credentials: { status: 401, ru: 'Неверная почта или пароль', en: 'Wrong e-mail or password' },
  csrf_failed: {
    status: 403,
    ru: 'Не пройдена защита от подделки запроса (CSRF). Обновите страницу',
    en: 'CSRF check failed. Reload the page',
  },
  forbidden: {
    status: 403,
    ru: 'Недостаточно прав для этого действия',
    en: 'You are not allowed to do this',
  },
  not_found: { status: 404, ru: 'Не найдено', en: 'Not found' },
  report_not_found: { status: 404, ru: 'Сообщение не найдено', en: 'Report not found' },
  media_not_found: { status: 404, ru: 'Файл не найден', en: 'File not found' },
  email_taken: {
    status: 409,
    ru: 'Этот адрес почты уже зарегистрирован',
    en: 'This e-mail is already registered',
  },
  invalid_transition: {
    status: 409,
    ru: 'Это действие недоступно в текущем статусе сообщения',
    en: 'This action is not available in the report’s current status',
  },
  idempotency_conflict: {
    status: 422,
    ru: 'Ключ идемпотентности уже использован для другого запроса',
    en: 'The idempotency key was already used for a different request',
  },
  unknown_category: { status: 422, ru: 'Такой категории нет', en: 'No such category' },
  category_not_selectable: {
    status: 422,
    ru: 'Выберите подкатегорию, а не раздел',
    en: 'Choose a subject, not a topic',
  },
  category_unchanged: {
    status: 422,
    ru: 'Сообщение уже в этой подкатегории',
    en: 'The report is already in this subject',
  },
  unknown_organisation: { status: 422, ru: 'Такой организации нет', en: 'No such organisation' },
  point_outside_region: {
    status: 422,
    ru: 'Точка находится за пределами региона',
    en: 'The point is outside the region',
  },
  media_unusable: { status: 422, ru: 'Файл нельзя прикрепить', en: 'The file cannot be attached' },
  dispute_window_closed: {
    status: 409,
    ru: 'Срок для оспаривания ответа истёк',
    en: 'The time to dispute this answer has passed',
  },
  already_rated: { status: 409, ru: 'Вы уже оценили этот ответ', en: 'You have already rated this answer' },
  file_too_large: { status: 413, ru: 'Файл слишком большой', en: 'The file is too large' },
  unsupported_media_type: {
    status: 415,
    ru: 'Файл не является изображением JPEG, PNG, WebP, HEIC или GIF',
    en: 'The file is not a JPEG, PNG, WebP, HEIC or GIF image',
  },
  retrain_already_queued: {
    status: 409,
    ru: 'Переобучение уже поставлено в очередь',
    en: 'A retraining is already queued',
  },
  jobs_unavailable: {
    status: 503,
    ru: 'Фоновые задачи недоступны на этом узле',
    en: 'Background jobs are not available on this node',
  },
  rate_limited: {
    status: 429,
    ru: 'Слишком много запросов, повторите позже',
    en: 'Too many requests, try again later',
  },
  // ---- outbound webhooks ----
  webhook_endpoint_not_found: {
    status: 404,
    ru: 'Адрес вебхука не найден',
    en: 'Webhook endpoint not found',
  },
  webhook_delivery_not_found: { status: 404, ru: 'Доставка не найдена', en: 'Delivery not found' },
  webhook_delivery_not_retryable: {
    status: 409,
    ru: 'Событие уже доставлено, повторять нечего',
    en: 'The event was already delivered; there is nothing to retry',
  },
  // ---- end of outbound webhooks ----
  internal: { status: 500, ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export type ErrorDetail = { path: string; message: string; code?: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, details: ErrorDetail[] = [], message?: string) {
    super(message ?? errorCatalogue[code].en);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

export function localisedMessage(code: ErrorCode, locale: Locale): string {
  return errorCatalogue[code][locale];
}

/** Picks the UI language from Accept-Language; Russian is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'ru';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}
