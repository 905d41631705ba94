import type { ErrorDefinitions } from '../../lib/messages/types.ts';

/** Error codes of categories, organisations and the region: HTTP status and a message in each UI language. */
export const referenceErrors = {
  unknown_category: { status: 422, ru: 'Такой категории нет', en: 'No such category' },
  category_not_selectable: {
    status: 422,
    ru: 'Выберите подкатегорию, а не раздел',
    en: 'Choose a subject, not a topic',
  },
  unknown_organisation: { status: 422, ru: 'Такой организации нет', en: 'No such organisation' },
  point_outside_region: {
    status: 422,
    ru: 'Точка находится за пределами региона',
    en: 'The point is outside the region',
  },
} as const satisfies ErrorDefinitions;
