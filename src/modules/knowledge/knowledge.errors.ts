import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the knowledge base: HTTP status and a message in each UI language. */
export const knowledgeErrors = {
  article_not_found: { status: 404, ru: 'Статья не найдена', en: 'Article not found' },
  article_version_conflict: {
    status: 409,
    ru: 'Статью уже изменили: обновите страницу и внесите правки заново',
    en: 'The article has been changed meanwhile: reload it and make your edits again',
  },
  article_references_invalid: {
    status: 422,
    ru: 'Статья ссылается на несуществующие категории, территории или статьи',
    en: 'The article refers to categories, territories or articles that do not exist',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the knowledge-base schemas. */
export const knowledgeValidation = {
  article_body_short: { ru: 'Текст статьи слишком короткий', en: 'The article text is too short' },
  review_before_reviewed: {
    ru: 'Дата следующей проверки раньше даты последней проверки',
    en: 'The next review date is before the last review',
  },
  unknown_category_ref: { ru: 'Такой категории нет', en: 'No such category' },
  unknown_territory_ref: { ru: 'Такой территории нет', en: 'No such territory' },
  unknown_article_ref: { ru: 'Такой статьи нет', en: 'No such article' },
} as const satisfies MessageDefinitions;
