import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the address registry: HTTP status and a message in each UI language. */
export const addressesErrors = {
  address_not_found: {
    status: 404,
    ru: 'Рядом с этой точкой адреса не найдено',
    en: 'No address near this point',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the address schemas. */
export const addressesValidation = {
  address_query_short: {
    ru: 'Введите хотя бы два знака адреса',
    en: 'Type at least two characters of the address',
  },
} as const satisfies MessageDefinitions;
