import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of categories, organisations and the region: HTTP status and a message in each UI language. */
export const referenceErrors = {
  unknown_category: { status: 422, ru: 'Такой категории нет', en: 'No such category' },
  category_not_selectable: {
    status: 422,
    ru: 'Выберите подкатегорию, а не раздел',
    en: 'Choose a subject, not a topic',
  },
  unknown_organisation: { status: 422, ru: 'Такой организации нет', en: 'No such organisation' },
  photo_required: {
    status: 422,
    ru: 'Для этой подкатегории нужна фотография',
    en: 'This subject needs a photo',
  },
  category_code_taken: {
    status: 409,
    ru: 'Категория с таким кодом уже есть',
    en: 'A category with this code already exists',
  },
  category_too_deep: {
    status: 422,
    ru: 'Подкатегория создаётся только внутри раздела',
    en: 'A subject can only be created under a topic',
  },
  category_sla_required: {
    status: 422,
    ru: 'Для подкатегории укажите срок ответа в рабочих днях',
    en: 'A subject needs an answer deadline in working days',
  },
  topic_has_no_sla: {
    status: 422,
    ru: 'У раздела нет срока ответа: сроки задаются подкатегориям',
    en: 'A topic has no deadline: subjects have deadlines',
  },
  category_in_use: {
    status: 409,
    ru: 'На эту категорию ссылаются сообщения: удалить её нельзя, отправьте её в архив',
    en: 'Reports refer to this category: it cannot be deleted; archive it instead',
  },
  category_has_subjects: {
    status: 409,
    ru: 'В разделе есть подкатегории: удалить его нельзя, отправьте его в архив',
    en: 'The topic has subjects: it cannot be deleted; archive it instead',
  },
  point_outside_region: {
    status: 422,
    ru: 'Точка находится за пределами региона',
    en: 'The point is outside the region',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the reference-data admin schemas. */
export const referenceValidation = {
  category_code_format: {
    ru: 'Код — латинские строчные буквы, цифры и дефисы, от 2 до 63 знаков',
    en: 'The code is 2–63 lowercase Latin letters, digits and hyphens',
  },
} as const satisfies MessageDefinitions;
