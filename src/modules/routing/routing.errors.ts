import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the routing-rule admin: HTTP status and a message in each UI language. */
export const routingErrors = {
  routing_rule_not_found: { status: 404, ru: 'Правило не найдено', en: 'Routing rule not found' },
  category_archived: {
    status: 422,
    ru: 'Категория в архиве: новые правила для неё не создаются',
    en: 'The category is archived: no new rules for it',
  },
  organisation_archived: {
    status: 422,
    ru: 'Организация в архиве: сообщения ей не направляются',
    en: 'The organisation is archived: reports are not sent to it',
  },
  unknown_territory: { status: 422, ru: 'Такой территории нет', en: 'No such territory' },
  territory_not_routable: {
    status: 422,
    ru: 'Правило задаётся для района или всего региона',
    en: 'A rule names a district or the whole region',
  },
  routing_rule_dates: {
    status: 422,
    ru: 'Дата окончания раньше даты начала',
    en: 'The end date is before the start date',
  },
  routing_rule_overlap: {
    status: 409,
    ru: 'Уже есть правило с тем же приоритетом для этой категории и территории на эти даты: измените приоритет или даты',
    en: 'A rule with the same priority already covers this category and territory on these dates: change the priority or the dates',
  },
  routing_rule_in_use: {
    status: 409,
    ru: 'По этому правилу уже направлялись сообщения: удалить его нельзя, завершите его действие датой окончания',
    en: 'Reports were routed by this rule: it cannot be deleted; end it with an end date instead',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the routing-rule schemas. */
export const routingValidation = {
  routing_rule_date_format: {
    ru: 'Укажите дату в формате ГГГГ-ММ-ДД',
    en: 'Enter a date as YYYY-MM-DD',
  },
} as const satisfies MessageDefinitions;
