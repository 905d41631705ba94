/**
 * Shapes of the one message catalogue. Every module declares its error codes and `vmeste:<key>`
 * validation messages in its own `<module>.errors.ts` with these types; `index.ts` assembles them
 * for the server's error handler and for the web app's i18next resources.
 */
export type Locale = 'ru' | 'en';

/** Russian needs all four CLDR plural forms (1 символ, 2 символа, 5 символов, 1,5 символа). */
export type RuPlural = { one: string; few: string; many: string; other: string };
export type EnPlural = { one: string; other: string };

/**
 * A message in both UI languages. Parameters are written `{{name}}` as in i18next; a message that
 * depends on a number uses plural forms and the `{{count}}` parameter.
 */
export type MessageText = { ru: string | RuPlural; en: string | EnPlural };

/** An error code: the HTTP status it is sent with and its message (the `message` of the envelope). */
export type ErrorDefinition = { status: number; ru: string; en: string };

export type ErrorDefinitions = Record<string, ErrorDefinition>;
export type MessageDefinitions = Record<string, MessageText>;
