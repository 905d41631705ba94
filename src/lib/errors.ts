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
  // ---- processing: redirects and clarification -----------------------------------------------
  redirect_same_organisation: {
    status: 422,
    ru: 'Сообщение уже у этой организации — выберите другую',
    en: 'The report is already with this organisation — choose another one',
  },
  redirect_binding_decision: {
    status: 409,
    ru: 'Организацию назначил куратор, его решение обязательно: переадресация невозможна',
    en: 'The curator assigned this organisation and the decision binds: the report cannot be redirected',
  },
  appeal_redirect_window_closed: {
    status: 409,
    ru: 'Обращение можно перенаправить только в течение 7 дней со дня регистрации (59-ФЗ, ст. 8) — теперь на него нужно ответить',
    en: 'An appeal may be redirected only within 7 days of its registration (59-FZ, art. 8) — it must now be answered',
  },
  // -----------------------------------------------------------------------------------------------
  // --- OpenID Connect sign-in (ESIA-style) ---
  oidc_disabled: {
    status: 404,
    ru: 'Вход через внешнего поставщика не настроен',
    en: 'Sign-in with an external provider is not configured',
  },
  oidc_state_invalid: {
    status: 400,
    ru: 'Ссылка входа недействительна или уже использована. Начните вход заново',
    en: 'This sign-in link is invalid or has already been used. Please start again',
  },
  oidc_flow_expired: {
    status: 400,
    ru: 'Время на вход истекло. Начните вход заново',
    en: 'The sign-in took too long. Please start again',
  },
  oidc_access_denied: {
    status: 403,
    ru: 'Вход отменён: вы не разрешили передать данные',
    en: 'Sign-in cancelled: you did not allow your data to be shared',
  },
  oidc_provider_error: {
    status: 502,
    ru: 'Поставщик входа вернул ошибку. Попробуйте ещё раз',
    en: 'The sign-in provider returned an error. Please try again',
  },
  oidc_provider_unavailable: {
    status: 503,
    ru: 'Поставщик входа недоступен. Попробуйте позже',
    en: 'The sign-in provider is unavailable. Please try later',
  },
  oidc_token_invalid: {
    status: 401,
    ru: 'Ответ поставщика входа не прошёл проверку (подпись, nonce, издатель или срок). Войдите заново',
    en: 'The sign-in provider’s answer failed verification (signature, nonce, issuer or expiry). Please sign in again',
  },
  oidc_email_missing: {
    status: 422,
    ru: 'Поставщик входа не передал адрес почты. Разрешите его передачу',
    en: 'The sign-in provider did not share your e-mail. Please allow sharing it',
  },
  oidc_email_unverified: {
    status: 403,
    ru: 'Адрес почты не подтверждён у поставщика входа. Подтвердите его там или войдите по паролю',
    en: 'Your e-mail is not verified at the sign-in provider. Verify it there or sign in with your password',
  },
  oidc_staff_link_refused: {
    status: 403,
    ru: 'Служебная учётная запись не связывается с внешним входом автоматически. Войдите по паролю',
    en: 'A staff account is not linked to external sign-in automatically. Sign in with your password',
  },
  // --- end OpenID Connect ---
  // ---- answer quality: templates ----
  template_not_found: { status: 404, ru: 'Шаблон ответа не найден', en: 'Answer template not found' },
  template_unknown_placeholder: {
    status: 422,
    ru: 'Неизвестная подстановка в шаблоне. Допустимы: {number}, {address}, {category}, {organisation}, {due_date}, {today}',
    en: 'Unknown placeholder in the template. Allowed: {number}, {address}, {category}, {organisation}, {due_date}, {today}',
  },
  template_organisation_forbidden: {
    status: 403,
    ru: 'Шаблоны этой организации вам недоступны',
    en: 'You may not keep templates of this organisation',
  },
  // ---- end answer quality ----
  // ---- deadlines: production calendar, extension, escalation ----
  calendar_day_not_found: {
    status: 404,
    ru: 'Для этой даты нет особой отметки в производственном календаре',
    en: 'This date has no entry in the production calendar',
  },
  deadline_not_running: {
    status: 409,
    ru: 'У сообщения нет текущего срока ответа, продлевать нечего',
    en: 'The report has no running answer deadline to extend',
  },
  deadline_already_extended: {
    status: 409,
    ru: 'Срок ответа уже продлевался: продлить можно только один раз',
    en: 'The deadline has already been extended: it may be extended only once',
  },
  // ---- end deadlines ----
  // ---- duplicates: support and merge (src/modules/duplicates) ----
  already_supported: {
    status: 409,
    ru: 'Вы уже поддержали это сообщение',
    en: 'You already support this report',
  },
  own_report_support: {
    status: 409,
    ru: 'Своё сообщение поддержать нельзя',
    en: 'You cannot support your own report',
  },
  support_closed: {
    status: 409,
    ru: 'Поддержать можно только открытое сообщение',
    en: 'Only an open report can be supported',
  },
  not_supported: {
    status: 409,
    ru: 'Вы не поддерживали это сообщение',
    en: 'You do not support this report',
  },
  merge_primary_not_found: {
    status: 422,
    ru: 'Основное сообщение не найдено',
    en: 'The primary report was not found',
  },
  merge_into_self: {
    status: 422,
    ru: 'Сообщение нельзя объединить с самим собой',
    en: 'A report cannot be merged into itself',
  },
  merge_into_appeal: {
    status: 422,
    ru: 'С обращением по 59-ФЗ объединять нельзя',
    en: 'Reports cannot be merged into an appeal',
  },
  merge_primary_not_open: {
    status: 409,
    ru: 'Объединять можно только с открытым сообщением (не закрытым, не отклонённым и не объединённым)',
    en: 'The primary report must be open (not closed, rejected or merged)',
  },
  appeal_not_mergeable: {
    status: 409,
    ru: 'Обращение по 59-ФЗ требует отдельного ответа и не объединяется',
    en: 'An appeal needs its own answer and cannot be merged',
  },
  already_merged: {
    status: 409,
    ru: 'Сообщение уже объединено с другим',
    en: 'The report is already merged into another',
  },
  not_merged: {
    status: 409,
    ru: 'Сообщение не объединено ни с каким другим',
    en: 'The report is not merged into another',
  },
  report_busy: {
    status: 409,
    ru: 'Сообщение в этот момент изменяет другой сотрудник. Повторите действие',
    en: 'Someone else is changing this report right now. Please try again',
  },
  // ---- end of duplicates ----
  // ---- notifications ----
  notification_not_found: {
    status: 404,
    ru: 'Уведомление не найдено',
    en: 'Notification not found',
  },
  // ---- API keys, Open311 and the inbound organisation API (branch open311) ----
  api_key_required: { status: 401, ru: 'Нужен ключ API', en: 'An API key is required' },
  api_key_invalid: {
    status: 401,
    ru: 'Ключ API неверен или отозван',
    en: 'The API key is wrong or has been revoked',
  },
  api_key_not_scoped: {
    status: 403,
    ru: 'Ключ API не привязан к организации',
    en: 'The API key is not bound to an organisation',
  },
  api_client_not_found: { status: 404, ru: 'Клиент API не найден', en: 'API client not found' },
  api_client_revoked: { status: 409, ru: 'Ключ уже отозван', en: 'The key is already revoked' },
  service_not_found: { status: 404, ru: 'Нет такой услуги (service_code)', en: 'No such service_code' },
  jurisdiction_not_found: { status: 404, ru: 'Нет такого jurisdiction_id', en: 'No such jurisdiction_id' },
  service_request_not_found: { status: 404, ru: 'Заявка не найдена', en: 'Service request not found' },
  token_not_found: { status: 404, ru: 'Токен не найден', en: 'Token not found' },
  location_required: {
    status: 400,
    ru: 'Укажите координаты lat и long или район в address_string («Невский район, ул. Дыбенко, 5»)',
    en: 'Give lat and long, or a district in address_string («Невский район, ул. Дыбенко, 5»)',
  },
  attribute_required: {
    status: 400,
    ru: 'Обязательный атрибут не заполнен',
    en: 'Required attribute missing',
  },
  attribute_invalid: {
    status: 400,
    ru: 'Недопустимое значение атрибута',
    en: 'Invalid attribute value',
  },
  date_span_too_long: {
    status: 400,
    ru: 'Период между start_date и end_date не может превышать 90 дней',
    en: 'start_date and end_date may be at most 90 days apart',
  },
  status_update_unsupported: {
    status: 400,
    ru: 'Такой статус нельзя передать в Вместе',
    en: 'This status cannot be applied in Vmeste',
  },
  // ---- end of the open311 block ----
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
  // --- Import of historical reports (vmeste import): the mapping file and per-line problems. ---
  import_mapping_invalid: {
    status: 400,
    ru: 'Файл сопоставления содержит ошибки',
    en: 'The mapping file has errors',
  },
  import_invalid_encoding: {
    status: 422,
    ru: 'Строка не в кодировке UTF-8',
    en: 'The line is not valid UTF-8',
  },
  import_malformed_json: {
    status: 422,
    ru: 'Строка не является JSON-объектом',
    en: 'The line is not a JSON object',
  },
  import_malformed_csv: { status: 422, ru: 'Строка CSV повреждена', en: 'The CSV row is malformed' },
  import_line_too_long: {
    status: 422,
    ru: 'Строка слишком длинная',
    en: 'The line is too long',
  },
  import_missing_field: {
    status: 422,
    ru: 'Обязательное поле не заполнено',
    en: 'A required field is empty',
  },
  import_invalid_value: {
    status: 422,
    ru: 'Значение имеет неверный тип или слишком длинное',
    en: 'The value has the wrong type or is too long',
  },
  import_invalid_date: {
    status: 422,
    ru: 'Дата не в формате ISO 8601 или не существует',
    en: 'The date is not ISO 8601 or does not exist',
  },
  import_date_out_of_range: {
    status: 422,
    ru: 'Дата раньше 1990 года или в будущем',
    en: 'The date is before 1990 or in the future',
  },
  import_invalid_coordinates: {
    status: 422,
    ru: 'Координаты не являются широтой и долготой WGS84',
    en: 'The coordinates are not a WGS84 latitude and longitude',
  },
  import_unknown_category: {
    status: 422,
    ru: 'Категория источника не сопоставлена с подкатегорией платформы',
    en: 'The source category is not mapped to a platform subject',
  },
  import_unknown_status: {
    status: 422,
    ru: 'Статус источника не сопоставлен со статусом платформы',
    en: 'The source status is not mapped to a platform status',
  },
  import_unknown_organisation: {
    status: 422,
    ru: 'Организация источника не сопоставлена с организацией платформы',
    en: 'The source organisation is not mapped to a platform organisation',
  },
  import_organisation_required: {
    status: 422,
    ru: 'В этом статусе у сообщения должна быть организация',
    en: 'A report in this status needs an organisation',
  },
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
