import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the organisation directory: HTTP status and a message in each UI language. */
export const directoryErrors = {
  organisation_not_found: { status: 404, ru: 'Организация не найдена', en: 'Organisation not found' },
  invalid_working_hours: {
    status: 422,
    ru: 'Часы работы заданы с ошибками',
    en: 'The working hours contain mistakes',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the directory; the hours ones are also the details' codes. */
export const directoryValidation = {
  time_hhmm: { ru: 'Время в формате ЧЧ:ММ, например 09:00', en: 'Time as HH:MM, e.g. 09:00' },
  hours_overlap: {
    ru: 'Пересекается с интервалом № {{value}}',
    en: 'Overlaps interval no. {{value}}',
  },
  hours_break_outside: {
    ru: 'Перерыв должен быть внутри часов работы',
    en: 'A break must lie within the working hours',
  },
  hours_breaks_overlap: {
    ru: 'Пересекается с перерывом № {{value}}',
    en: 'Overlaps break no. {{value}}',
  },
  hours_empty: {
    ru: 'Время закрытия совпадает со временем открытия',
    en: 'The closing time equals the opening time',
  },
} as const satisfies MessageDefinitions;
