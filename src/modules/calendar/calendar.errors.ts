import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the production calendar and deadlines: HTTP status and a message in each UI language. */
export const calendarErrors = {
  calendar_day_not_found: {
    status: 404,
    ru: 'Для этой даты нет особой отметки в производственном календаре',
    en: 'This date has no entry in the production calendar',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the calendar schemas. */
export const calendarValidation = {
  day_out_of_range: { ru: 'Дата вне 1900–2100 годов', en: 'The date is outside the years 1900–2100' },
  moment_out_of_range: { ru: 'Время вне 1900–2100 годов', en: 'The time is outside the years 1900–2100' },
  calendar_year_range: {
    ru: 'Год должен быть от 2000 до 2100',
    en: 'The year must be between 2000 and 2100',
  },
  shortened_must_be_working: {
    ru: 'Сокращённым может быть только рабочий день',
    en: 'Only a working day can be shortened',
  },
} as const satisfies MessageDefinitions;
