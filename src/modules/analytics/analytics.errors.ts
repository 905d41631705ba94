import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of analytics, the map clusters and open data: HTTP status and a message in each UI language. */
export const analyticsErrors = {
  analytics_cell_not_found: {
    status: 404,
    ru: 'В этой ячейке матрицы нет сообщений',
    en: 'This cell of the matrix has no reports',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the analytics schemas. */
export const analyticsValidation = {
  period_reversed: {
    ru: 'Начало периода позже его конца',
    en: 'The period starts after it ends',
  },
  period_too_long: {
    ru: 'Период не может быть длиннее двух лет (731 дня)',
    en: 'The period cannot be longer than two years (731 days)',
  },
  iso_date: { ru: 'Ожидается дата ГГГГ-ММ-ДД', en: 'Expected a date YYYY-MM-DD' },
  bbox_format: {
    ru: 'Ожидается bbox из четырёх чисел: запад,юг,восток,север',
    en: 'Expected a bbox of four numbers: west,south,east,north',
  },
  bbox_not_number: { ru: 'Координата bbox — не число', en: 'A bbox coordinate is not a number' },
  bbox_longitude: { ru: 'Долгота должна быть от −180 до 180', en: 'Longitude must be between −180 and 180' },
  bbox_latitude: {
    ru: 'Широта должна быть от −85,05 до 85,05 (проекция карты)',
    en: 'Latitude must be between −85.05 and 85.05 (the map projection)',
  },
  bbox_antimeridian: {
    ru: 'Запад восточнее востока: bbox пересекает 180-й меридиан — разделите его на два запроса',
    en: 'West is east of east: the bbox crosses the antimeridian — split it into two requests',
  },
  bbox_south_north: { ru: 'Юг севернее севера', en: 'South is north of north' },
  zoom_range: {
    ru: 'Масштаб должен быть целым от 0 до 20',
    en: 'The zoom must be a whole number from 0 to 20',
  },
  boolean_flag: { ru: 'Ожидается true или false', en: 'Expected true or false' },
  status_list: { ru: 'Неизвестный статус сообщения', en: 'Unknown report status' },
} as const satisfies MessageDefinitions;
