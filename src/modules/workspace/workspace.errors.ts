import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the staff workspace (saved views, bulk actions). */
export const workspaceErrors = {
  saved_view_not_found: { status: 404, ru: 'Такого сохранённого вида нет', en: 'No such saved view' },
  saved_view_name_taken: {
    status: 409,
    ru: 'Вид с таким названием уже есть',
    en: 'A view with this name already exists',
  },
  saved_views_limit: {
    status: 409,
    ru: 'Сохранено слишком много видов: удалите ненужные',
    en: 'Too many saved views: delete the ones you no longer need',
  },
} as const satisfies ErrorDefinitions;

export const workspaceValidation = {
  saved_view_nothing_to_change: {
    ru: 'Укажите новое название или запрос',
    en: 'Give a new name or query',
  },
  bulk_duplicate_ids: {
    ru: 'Одно обращение указано дважды',
    en: 'A report is listed twice',
  },
} as const satisfies MessageDefinitions;
