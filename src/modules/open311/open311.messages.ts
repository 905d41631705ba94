import { type ErrorCode, errorCatalogue, type Locale, localisedMessage } from '../../lib/errors.ts';

/** Messages of Open311 parameter problems (`vmeste:<key>[:<argument>]`), in both UI languages. */
const messages: Record<string, { ru: (arg: string) => string; en: (arg: string) => string }> = {
  open311_required: { ru: () => 'Обязательный параметр', en: () => 'Required' },
  open311_datetime: {
    ru: () => 'Ожидается дата в формате W3C, например 2026-03-02T09:00:00Z',
    en: () => 'Expected a W3C datetime such as 2026-03-02T09:00:00Z',
  },
  open311_end_before_start: {
    ru: () => 'end_date раньше start_date',
    en: () => 'end_date is before start_date',
  },
  open311_int_range: { ru: (m) => `Целое число от 1 до ${m}`, en: (m) => `A whole number from 1 to ${m}` },
  open311_coordinate: { ru: (m) => `Число от -${m} до ${m}`, en: (m) => `A number from -${m} to ${m}` },
  open311_too_long: { ru: (m) => `Не длиннее ${m} символов`, en: (m) => `At most ${m} characters` },
  open311_email: { ru: () => 'Некорректный адрес почты', en: () => 'Not an e-mail address' },
  open311_url: { ru: () => 'Ожидается адрес http(s)://', en: () => 'Expected an http(s):// URL' },
  open311_number: { ru: () => 'Ожидается число', en: () => 'Expected a number' },
  open311_single_value: { ru: () => 'Допустимо одно значение', en: () => 'Only one value is allowed' },
  open311_not_in_list: { ru: (v) => `Нет такого варианта: ${v}`, en: (v) => `Not one of the values: ${v}` },
  open311_status: { ru: (v) => `Неизвестный статус: ${v}`, en: (v) => `Unknown status: ${v}` },
  open311_service_request_id: {
    ru: (v) => `Ожидается номер заявки: ${v}`,
    en: (v) => `Expected a request number: ${v}`,
  },
  bbox: {
    ru: () => 'Ожидается bbox: minLong,minLat,maxLong,maxLat',
    en: () => 'Expected bbox: minLong,minLat,maxLong,maxLat',
  },
};

/** A detail message: a catalogue code, one of the keys above, or plain text left as it is. */
export function open311Message(message: string, locale: Locale): string {
  if (message in errorCatalogue) return localisedMessage(message as ErrorCode, locale);
  if (!message.startsWith('vmeste:')) return message;
  const [key = '', ...rest] = message.slice('vmeste:'.length).split(':');
  const entry = messages[key];
  return entry ? entry[locale](rest.join(':')) : message;
}
