import type { ErrorDefinitions, MessageDefinitions } from './types.ts';

/** Error codes that belong to no single module: the request itself, sessions, access, failures. */
export const commonErrors = {
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
  // Participation of every kind (polls, votes, discussions, initiatives) is open to a territory.
  not_in_audience: {
    status: 403,
    ru: 'Участвовать могут только жители территории, для которой это открыто',
    en: 'Only residents of the territory this is open to may take part',
  },
  idempotency_conflict: {
    status: 422,
    ru: 'Ключ идемпотентности уже использован для другого запроса',
    en: 'The idempotency key was already used for a different request',
  },
  payload_too_large: {
    status: 413,
    ru: 'Слишком много частей или полей в запросе',
    en: 'The request has too many parts or fields',
  },
  rate_limited: {
    status: 429,
    ru: 'Слишком много запросов, повторите позже',
    en: 'Too many requests, try again later',
  },
  internal: { status: 500, ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
} as const satisfies ErrorDefinitions;

/**
 * Messages the web app shows for failures that never reach the server (no network, an answer that
 * is not our envelope). They share the `errors` namespace with the codes, so names must not clash.
 */
export const clientErrors = {
  network: {
    ru: 'Нет связи с сервером. Проверьте подключение к интернету.',
    en: 'Cannot reach the server. Check your internet connection.',
  },
  unexpected: {
    ru: 'Что-то пошло не так. Попробуйте ещё раз.',
    en: 'Something went wrong. Please try again.',
  },
} as const satisfies MessageDefinitions;

/**
 * Wording of zod's own issue kinds, shared by the server's details and the web forms. Kinds not
 * listed here are phrased by zod's ru/en locales on the server.
 */
export const commonValidation = {
  required: { ru: 'Обязательное поле', en: 'Required' },
  invalid: { ru: 'Проверьте значение', en: 'Please check this value' },
  min_chars: {
    ru: {
      one: 'Не короче {{count}} символа',
      few: 'Не короче {{count}} символов',
      many: 'Не короче {{count}} символов',
      other: 'Не короче {{count}} символа',
    },
    en: { one: 'At least {{count}} character', other: 'At least {{count}} characters' },
  },
  max_chars: {
    ru: {
      one: 'Не длиннее {{count}} символа',
      few: 'Не длиннее {{count}} символов',
      many: 'Не длиннее {{count}} символов',
      other: 'Не длиннее {{count}} символа',
    },
    en: { one: 'At most {{count}} character', other: 'At most {{count}} characters' },
  },
  max_items: {
    ru: {
      one: 'Не больше {{count}} элемента',
      few: 'Не больше {{count}} элементов',
      many: 'Не больше {{count}} элементов',
      other: 'Не больше {{count}} элемента',
    },
    en: { one: 'At most {{count}} item', other: 'At most {{count}} items' },
  },
  min_number: { ru: 'Не меньше {{min}}', en: 'At least {{min}}' },
  max_number: { ru: 'Не больше {{max}}', en: 'At most {{max}}' },
  email: {
    ru: 'Введите адрес электронной почты, например name@example.ru',
    en: 'Enter an e-mail address, e.g. name@example.com',
  },
  choose: { ru: 'Выберите значение', en: 'Please choose a value' },
  date: { ru: 'Укажите дату', en: 'Enter a date' },
  unknown_fields: { ru: 'Неизвестные поля: {{value}}', en: 'Unknown fields: {{value}}' },
  unsafe_text: {
    ru: 'Текст содержит недопустимые символы (NUL или неполный символ Юникода)',
    en: 'The text contains characters that are not allowed (NUL or a broken Unicode character)',
  },
  too_deep: { ru: 'Слишком глубокая вложенность данных', en: 'The data is nested too deeply' },
  too_many_fields: { ru: 'Не больше {{value}} полей', en: 'At most {{value}} fields' },
  multipart_malformed: {
    ru: 'Некорректное тело multipart/form-data',
    en: 'The multipart/form-data body is malformed',
  },
  markdown_html: {
    ru: 'HTML-разметка не допускается: используйте Markdown',
    en: 'HTML markup is not allowed: use Markdown',
  },
  markdown_link: {
    ru: 'Допустимы только ссылки http(s), mailto и ссылки внутри сайта',
    en: 'Only http(s), mailto and on-site links are allowed',
  },
  // GeoJSON geometries (src/lib/geojson.ts): notice areas, city objects, subscriptions.
  geometry_type_unknown: {
    ru: 'Неизвестный тип геометрии «{{value}}»: допустимы Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon',
    en: 'Unknown geometry type "{{value}}": use Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon',
  },
  geometry_position: {
    ru: 'Точка задаётся массивом [долгота, широта]',
    en: 'A position is an array [longitude, latitude]',
  },
  geometry_out_of_range: {
    ru: 'Координаты вне допустимого диапазона: долгота от −180 до 180, широта от −90 до 90',
    en: 'Coordinates out of range: longitude −180 to 180, latitude −90 to 90',
  },
  geometry_swapped: {
    ru: 'Похоже, широта и долгота перепутаны местами: в GeoJSON сначала долгота, затем широта',
    en: 'Latitude and longitude look swapped: GeoJSON gives longitude first, then latitude',
  },
  geometry_outside_region: {
    ru: 'Точка лежит за пределами региона',
    en: 'The position lies outside the region',
  },
  geometry_ring: {
    ru: 'Контур полигона должен быть замкнут (первая точка равна последней) и содержать не меньше 4 точек',
    en: 'A polygon ring must be closed (first position equals last) and have at least 4 positions',
  },
  geometry_line: {
    ru: 'Линия должна содержать не меньше двух точек',
    en: 'A line needs at least two positions',
  },
  geometry_empty: { ru: 'Геометрия пуста', en: 'The geometry is empty' },
  geometry_invalid: {
    ru: 'Геометрия некорректна: {{value}}',
    en: 'The geometry is not valid: {{value}}',
  },
} as const satisfies MessageDefinitions;
