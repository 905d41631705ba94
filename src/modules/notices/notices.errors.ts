import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of notices (planned works, outages, events) and their subscriptions. */
export const noticesErrors = {
  notice_not_found: { status: 404, ru: 'Уведомление не найдено', en: 'Notice not found' },
  invalid_geometry: {
    status: 422,
    ru: 'Область на карте задана неверно',
    en: 'The area on the map is not valid',
  },
  notice_unknown_references: {
    status: 422,
    ru: 'Организация или категории не найдены',
    en: 'The organisation or categories were not found',
  },
  notice_not_ended: {
    status: 409,
    ru: 'Ответить по уведомлению можно, когда оно завершено',
    en: 'Reports can be answered with the notice once it has ended',
  },
  subscription_not_found: { status: 404, ru: 'Подписка не найдена', en: 'Subscription not found' },
  subscriptions_limit: {
    status: 409,
    ru: 'Можно подписаться не больше чем на 20 мест',
    en: 'You can subscribe to at most 20 places',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the notice schemas. */
export const noticesValidation = {
  notice_ends_before_start: {
    ru: 'Окончание должно быть позже начала',
    en: 'The end must be after the start',
  },
  subscription_place: {
    ru: 'Укажите либо точку с радиусом, либо область',
    en: 'Give either a point with a radius or an area',
  },
  subscription_area_polygon: {
    ru: 'Область подписки — полигон или мультиполигон',
    en: 'A subscription area is a Polygon or a MultiPolygon',
  },
} as const satisfies MessageDefinitions;
