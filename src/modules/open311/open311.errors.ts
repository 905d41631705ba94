import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of Open311 GeoReport v2 and its status updates: HTTP status and a message in each UI language. */
export const open311Errors = {
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
} as const satisfies ErrorDefinitions;

/**
 * Messages of Open311 parameter problems, sent as `vmeste:<key>[:<argument>]`: the argument fills
 * `{{value}}`, and `{{count}}` too when it is a whole number.
 */
export const open311Validation = {
  open311_required: { ru: 'Обязательный параметр', en: 'Required' },
  open311_datetime: {
    ru: 'Ожидается дата в формате W3C, например 2026-03-02T09:00:00Z',
    en: 'Expected a W3C datetime such as 2026-03-02T09:00:00Z',
  },
  open311_end_before_start: { ru: 'end_date раньше start_date', en: 'end_date is before start_date' },
  open311_int_range: { ru: 'Целое число от 1 до {{value}}', en: 'A whole number from 1 to {{value}}' },
  open311_coordinate: { ru: 'Число от -{{value}} до {{value}}', en: 'A number from -{{value}} to {{value}}' },
  open311_url: { ru: 'Ожидается адрес http(s)://', en: 'Expected an http(s):// URL' },
  open311_number: { ru: 'Ожидается число', en: 'Expected a number' },
  open311_single_value: { ru: 'Допустимо одно значение', en: 'Only one value is allowed' },
  open311_not_in_list: { ru: 'Нет такого варианта: {{value}}', en: 'Not one of the values: {{value}}' },
  open311_status: { ru: 'Неизвестный статус: {{value}}', en: 'Unknown status: {{value}}' },
  open311_service_request_id: {
    ru: 'Ожидается номер заявки: {{value}}',
    en: 'Expected a request number: {{value}}',
  },
  // Open311 names the longitude `long`, unlike the platform's own bbox (`minLon`).
  open311_bbox: {
    ru: 'Ожидается bbox: minLong,minLat,maxLong,maxLat',
    en: 'Expected bbox: minLong,minLat,maxLong,maxLat',
  },
} as const satisfies MessageDefinitions;
