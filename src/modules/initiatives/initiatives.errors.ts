import type { ErrorDefinitions } from '../../lib/messages/types.ts';

/**
 * Error codes of initiatives. A second support is refused with `already_supported`, the code the
 * duplicates module declares for supporting a report twice (one code, one meaning).
 */
export const initiativesErrors = {
  initiative_not_found: { status: 404, ru: 'Инициатива не найдена', en: 'Initiative not found' },
  initiative_expired: {
    status: 409,
    ru: 'Сбор подписей за инициативу завершён',
    en: 'The initiative no longer collects support',
  },
  initiative_not_collecting: {
    status: 409,
    ru: 'Инициатива сейчас не собирает поддержку',
    en: 'The initiative is not collecting support now',
  },
  initiative_already_moderated: {
    status: 409,
    ru: 'Инициатива уже рассмотрена модератором',
    en: 'The initiative has already been moderated',
  },
  own_initiative_support: {
    status: 409,
    ru: 'Автор уже поддерживает свою инициативу',
    en: 'The author already backs their own initiative',
  },
  verified_residence_required: {
    status: 403,
    ru: 'Поддержать инициативу могут только жители с подтверждённым адресом: подтвердите его через Госуслуги в профиле',
    en: 'Only residents with a verified address can support it: verify it with Gosuslugi in your profile',
  },
  initiative_territory_not_found: {
    status: 422,
    ru: 'Территория не найдена',
    en: 'Territory not found',
  },
  initiative_category_not_found: {
    status: 422,
    ru: 'Категория не найдена или не подходит для сообщения',
    en: 'The category was not found or cannot be chosen for a report',
  },
} as const satisfies ErrorDefinitions;
