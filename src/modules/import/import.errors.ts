import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the import of historical reports (`vmeste import`): the mapping file and per-line problems: HTTP status and a message in each UI language. */
export const importErrors = {
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
  import_line_too_long: { status: 422, ru: 'Строка слишком длинная', en: 'The line is too long' },
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
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the mapping file's schema. */
export const importValidation = {
  import_source_name: {
    ru: 'Имя источника: строчные латинские буквы, цифры, точка, дефис, подчёркивание (до 63)',
    en: 'Source name: lower-case Latin letters, digits, dot, hyphen, underscore (up to 63)',
  },
  import_timezone: {
    ru: 'Часовой пояс: Z или смещение вида +03:00',
    en: 'Time zone: Z or an offset such as +03:00',
  },
} as const satisfies MessageDefinitions;
