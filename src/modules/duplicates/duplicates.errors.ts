import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of duplicates (support and merge): HTTP status and a message in each UI language. */
export const duplicatesErrors = {
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
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the merge schemas. */
export const duplicatesValidation = {
  merge_primary_required: {
    ru: 'Укажите основное сообщение: либо его номер, либо идентификатор',
    en: 'Name the primary report: either its number or its id',
  },
} as const satisfies MessageDefinitions;
