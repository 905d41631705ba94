import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of city objects, their works, ratings and the registry import. */
export const objectsErrors = {
  object_not_found: { status: 404, ru: 'Объект не найден', en: 'City object not found' },
  work_not_found: { status: 404, ru: 'Работы не найдены', en: 'Work not found' },
  work_not_completed: {
    status: 409,
    ru: 'Оценить можно только завершённые работы',
    en: 'Only completed works can be rated',
  },
  work_rating_residents_only: {
    status: 403,
    ru: 'Оценивать работы могут только жители',
    en: 'Only residents rate works',
  },
  work_already_rated: {
    status: 409,
    ru: 'Вы уже оценили эти работы',
    en: 'You have already rated this work',
  },
  work_photo_unusable: {
    status: 422,
    ru: 'Фотография не найдена, не ваша или уже прикреплена',
    en: 'The photo was not found, is not yours or is already attached',
  },
  objects_mapping_invalid: {
    status: 422,
    ru: 'Файл сопоставления полей содержит ошибки',
    en: 'The mapping file has errors',
  },
  objects_input_unreadable: {
    status: 422,
    ru: 'Не удалось прочитать файл реестра объектов',
    en: 'The object registry file could not be read',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the object schemas and of the import's per-line problems. */
export const objectsValidation = {
  work_dates_order: {
    ru: 'Дата окончания не может быть раньше даты начала',
    en: 'The end date cannot be before the start date',
  },
  object_kind_unknown: {
    ru: 'Неизвестный вид объекта «{{value}}»',
    en: 'Unknown kind of object "{{value}}"',
  },
  object_organisation_unknown: {
    ru: 'Неизвестная организация «{{value}}»',
    en: 'Unknown organisation "{{value}}"',
  },
  object_field_missing: { ru: 'Поле не заполнено', en: 'The field is empty' },
  object_column_missing: {
    ru: 'В файле нет столбца «{{value}}»',
    en: 'The file has no column "{{value}}"',
  },
  work_object_unknown: {
    ru: 'Объект «{{value}}» не найден в реестре объектов',
    en: 'Object "{{value}}" is not in the object registry',
  },
  work_status_unknown: {
    ru: 'Неизвестное состояние работ «{{value}}»',
    en: 'Unknown state of the work "{{value}}"',
  },
  work_date_unreadable: {
    ru: 'Дата «{{value}}» не читается: нужна ГГГГ-ММ-ДД или ДД.ММ.ГГГГ',
    en: 'The date "{{value}}" cannot be read: YYYY-MM-DD or DD.MM.YYYY is needed',
  },
  work_budget_unreadable: {
    ru: 'Сумма «{{value}}» не читается как рубли (например, 1 250 000,50)',
    en: 'The amount "{{value}}" cannot be read as roubles (e.g. 1250000.50)',
  },
  object_geometry_unreadable: {
    ru: 'Геометрия не читается как GeoJSON или пара широта/долгота',
    en: 'The geometry is neither GeoJSON nor a latitude/longitude pair',
  },
} as const satisfies MessageDefinitions;
