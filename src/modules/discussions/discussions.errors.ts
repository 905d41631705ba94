import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of discussions, comments and the opinion map: HTTP status and both UI languages. */
export const discussionsErrors = {
  discussion_not_found: { status: 404, ru: 'Обсуждение не найдено', en: 'Discussion not found' },
  discussion_closed: {
    status: 409,
    ru: 'Обсуждение закрыто (или ещё не открыто): комментарии и голоса не принимаются',
    en: 'The discussion is closed (or not yet open): no comments or votes are taken',
  },
  discussion_results_published: {
    status: 409,
    ru: 'Итоги обсуждения уже опубликованы',
    en: 'The results of this discussion are already published',
  },
  attachment_unusable: {
    status: 422,
    ru: 'Файл нельзя приложить: загрузите PDF или изображение сами, и пусть он не будет приложен к другому документу',
    en: 'The file cannot be attached: upload a PDF or an image yourself, one not attached elsewhere',
  },
  comment_not_found: { status: 404, ru: 'Комментарий не найден', en: 'Comment not found' },
  parent_not_found: {
    status: 422,
    ru: 'Комментарий, на который вы отвечаете, не найден в этом обсуждении',
    en: 'The comment you reply to is not in this discussion',
  },
  reply_too_deep: {
    status: 422,
    ru: 'Ответить можно на комментарий или на ответ, но не глубже',
    en: 'You can reply to a comment or to a reply, but not deeper',
  },
  edit_window_closed: {
    status: 409,
    ru: 'Комментарий можно изменить только в течение 15 минут после публикации',
    en: 'A comment can be edited only within 15 minutes of posting',
  },
  not_comment_author: {
    status: 403,
    ru: 'Изменить комментарий может только его автор',
    en: 'Only the author can edit a comment',
  },
  already_flagged: {
    status: 409,
    ru: 'Вы уже пожаловались на этот комментарий',
    en: 'You have already flagged this comment',
  },
  own_comment_flag: {
    status: 409,
    ru: 'На свой комментарий пожаловаться нельзя',
    en: 'You cannot flag your own comment',
  },
  own_comment_support: {
    status: 409,
    ru: 'Свой комментарий поддержать нельзя',
    en: 'You cannot support your own comment',
  },
  comment_already_supported: {
    status: 409,
    ru: 'Вы уже поддержали этот комментарий',
    en: 'You already support this comment',
  },
  comment_hidden: {
    status: 409,
    ru: 'Комментарий скрыт: на него нельзя ответить',
    en: 'The comment is hidden: it cannot be replied to',
  },
  not_official_replier: {
    status: 403,
    ru: 'Официальный ответ даёт сотрудник организации, ответственной за обсуждение',
    en: 'Official replies are given by staff of the organisation responsible for the discussion',
  },
  opinion_map_disabled: {
    status: 409,
    ru: 'В этом обсуждении нет карты мнений',
    en: 'This discussion has no opinion map',
  },
  statement_not_found: { status: 404, ru: 'Утверждение не найдено', en: 'Statement not found' },
  statement_too_long: {
    status: 422,
    ru: 'Утверждение должно быть не длиннее 280 символов',
    en: 'A statement must be at most 280 characters long',
  },
  statement_not_approved: {
    status: 409,
    ru: 'За утверждение нельзя голосовать, пока его не одобрил модератор',
    en: 'A statement cannot be voted on before a moderator approves it',
  },
  statement_already_moderated: {
    status: 409,
    ru: 'Утверждение уже рассмотрено',
    en: 'The statement has already been moderated',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the discussion schemas. */
export const discussionsValidation = {
  discussion_times: {
    ru: 'Обсуждение должно закрываться позже, чем открывается',
    en: 'The discussion must close after it opens',
  },
  attachment_twice: { ru: 'Файл указан дважды', en: 'A file is listed twice' },
  nothing_to_change: { ru: 'Укажите, что изменить', en: 'Say what to change' },
} as const satisfies MessageDefinitions;
