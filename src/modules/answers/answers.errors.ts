import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of answer templates and answer quality: HTTP status and a message in each UI language. */
export const answersErrors = {
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
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the answer-quality schemas. */
export const answersValidation = {
  period_order: { ru: 'Конец периода раньше его начала', en: 'The period ends before it starts' },
} as const satisfies MessageDefinitions;
