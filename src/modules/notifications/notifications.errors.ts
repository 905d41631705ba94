import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of notifications: HTTP status and a message in each UI language. */
export const notificationsErrors = {
  notification_not_found: { status: 404, ru: 'Уведомление не найдено', en: 'Notification not found' },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the notification schemas. */
export const notificationsValidation = {
  preferences_empty: {
    ru: 'Укажите хотя бы одну настройку: email или language',
    en: 'Give at least one setting: email or language',
  },
} as const satisfies MessageDefinitions;
