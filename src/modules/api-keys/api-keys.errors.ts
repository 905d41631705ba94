import type { ErrorDefinitions } from '../../lib/messages/types.ts';

/** Error codes of API keys and their clients: HTTP status and a message in each UI language. */
export const apiKeysErrors = {
  api_key_required: { status: 401, ru: 'Нужен ключ API', en: 'An API key is required' },
  api_key_invalid: {
    status: 401,
    ru: 'Ключ API неверен или отозван',
    en: 'The API key is wrong or has been revoked',
  },
  api_key_not_scoped: {
    status: 403,
    ru: 'Ключ API не привязан к организации',
    en: 'The API key is not bound to an organisation',
  },
  api_client_not_found: { status: 404, ru: 'Клиент API не найден', en: 'API client not found' },
  api_client_revoked: { status: 409, ru: 'Ключ уже отозван', en: 'The key is already revoked' },
} as const satisfies ErrorDefinitions;
