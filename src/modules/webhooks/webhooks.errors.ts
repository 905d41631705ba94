import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of outbound webhooks: HTTP status and a message in each UI language. */
export const webhooksErrors = {
  webhook_endpoint_not_found: {
    status: 404,
    ru: 'Адрес вебхука не найден',
    en: 'Webhook endpoint not found',
  },
  webhook_delivery_not_found: { status: 404, ru: 'Доставка не найдена', en: 'Delivery not found' },
  webhook_delivery_not_retryable: {
    status: 409,
    ru: 'Событие уже доставлено, повторять нечего',
    en: 'The event was already delivered; there is nothing to retry',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the webhook schemas. */
export const webhooksValidation = {
  webhook_url_invalid: {
    ru: 'Укажите полный адрес, например https://example.org/hook',
    en: 'Enter a full URL, e.g. https://example.org/hook',
  },
  webhook_url_scheme: {
    ru: 'Адрес должен начинаться с http:// или https://',
    en: 'The URL must start with http:// or https://',
  },
  webhook_url_credentials: {
    ru: 'Адрес не должен содержать имя пользователя или пароль',
    en: 'The URL must not contain a user name or password',
  },
  webhook_url_fragment: {
    ru: 'Адрес не должен содержать часть после #',
    en: 'The URL must not contain a #fragment',
  },
  webhook_unknown_event: {
    ru: 'Неизвестное событие; допустимы: report.created, report.status_changed, report.answer_published, report.redirected, report.merged, report.poll_closed, report.updated',
    en: 'Unknown event; allowed: report.created, report.status_changed, report.answer_published, report.redirected, report.merged, report.poll_closed, report.updated',
  },
} as const satisfies MessageDefinitions;
