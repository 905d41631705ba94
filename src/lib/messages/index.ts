import { addressesErrors, addressesValidation } from '../../modules/addresses/addresses.errors.ts';
import { analyticsErrors, analyticsValidation } from '../../modules/analytics/analytics.errors.ts';
import { answersErrors, answersValidation } from '../../modules/answers/answers.errors.ts';
import { apiKeysErrors } from '../../modules/api-keys/api-keys.errors.ts';
import { calendarErrors, calendarValidation } from '../../modules/calendar/calendar.errors.ts';
import { classifierErrors } from '../../modules/classifier/classifier.errors.ts';
import { directoryErrors, directoryValidation } from '../../modules/directory/directory.errors.ts';
import { discussionsErrors, discussionsValidation } from '../../modules/discussions/discussions.errors.ts';
import { duplicatesErrors, duplicatesValidation } from '../../modules/duplicates/duplicates.errors.ts';
import {
  identityClientErrors,
  identityErrors,
  identityValidation,
} from '../../modules/identity/identity.errors.ts';
import { importErrors, importValidation } from '../../modules/import/import.errors.ts';
import { initiativesErrors } from '../../modules/initiatives/initiatives.errors.ts';
import { knowledgeErrors, knowledgeValidation } from '../../modules/knowledge/knowledge.errors.ts';
import { mediaErrors, mediaValidation } from '../../modules/media/media.errors.ts';
import { noticesErrors, noticesValidation } from '../../modules/notices/notices.errors.ts';
import {
  notificationsErrors,
  notificationsValidation,
} from '../../modules/notifications/notifications.errors.ts';
import { objectsErrors, objectsValidation } from '../../modules/objects/objects.errors.ts';
import { open311Errors, open311Validation } from '../../modules/open311/open311.errors.ts';
import {
  participationErrors,
  participationValidation,
} from '../../modules/participation/participation.errors.ts';
import { referenceErrors, referenceValidation } from '../../modules/reference/reference.errors.ts';
import { reportsErrors, reportsValidation } from '../../modules/reports/reports.errors.ts';
import { routingErrors, routingValidation } from '../../modules/routing/routing.errors.ts';
import { staffAdminErrors, staffAdminValidation } from '../../modules/staff-admin/staff-admin.errors.ts';
import { webhooksErrors, webhooksValidation } from '../../modules/webhooks/webhooks.errors.ts';
import { workspaceErrors, workspaceValidation } from '../../modules/workspace/workspace.errors.ts';
import { clientErrors, commonErrors, commonValidation } from './common.ts';
import { formatText, type MessageParams } from './format.ts';
import type { ErrorDefinitions, Locale, MessageDefinitions, MessageText } from './types.ts';

/*
 * The one message catalogue, assembled from the modules' `*.errors.ts` (which import nothing but
 * types, so the web app can bundle them). The server answers with it; the web app loads it into
 * i18next (see `i18nextResources`), so a message is written once for both.
 */

/** The parts as declared, kept apart so the catalogue test can find a key declared twice. */
export const catalogueParts = {
  errors: [
    commonErrors,
    addressesErrors,
    analyticsErrors,
    answersErrors,
    apiKeysErrors,
    calendarErrors,
    classifierErrors,
    directoryErrors,
    discussionsErrors,
    duplicatesErrors,
    identityErrors,
    importErrors,
    initiativesErrors,
    knowledgeErrors,
    mediaErrors,
    notificationsErrors,
    noticesErrors,
    objectsErrors,
    open311Errors,
    participationErrors,
    referenceErrors,
    reportsErrors,
    routingErrors,
    staffAdminErrors,
    webhooksErrors,
    workspaceErrors,
  ],
  validation: [
    commonValidation,
    addressesValidation,
    analyticsValidation,
    answersValidation,
    calendarValidation,
    directoryValidation,
    discussionsValidation,
    duplicatesValidation,
    identityValidation,
    importValidation,
    knowledgeValidation,
    mediaValidation,
    notificationsValidation,
    noticesValidation,
    objectsValidation,
    open311Validation,
    participationValidation,
    referenceValidation,
    reportsValidation,
    routingValidation,
    staffAdminValidation,
    webhooksValidation,
    workspaceValidation,
  ],
  client: [clientErrors, identityClientErrors],
} as const satisfies {
  errors: readonly ErrorDefinitions[];
  validation: readonly MessageDefinitions[];
  client: readonly MessageDefinitions[];
};

/** Every error code the server sends: its HTTP status and its message in both languages. */
export const errorCatalogue = {
  ...commonErrors,
  ...addressesErrors,
  ...analyticsErrors,
  ...answersErrors,
  ...apiKeysErrors,
  ...calendarErrors,
  ...classifierErrors,
  ...directoryErrors,
  ...discussionsErrors,
  ...duplicatesErrors,
  ...identityErrors,
  ...importErrors,
  ...initiativesErrors,
  ...knowledgeErrors,
  ...mediaErrors,
  ...notificationsErrors,
  ...noticesErrors,
  ...objectsErrors,
  ...open311Errors,
  ...participationErrors,
  ...referenceErrors,
  ...reportsErrors,
  ...routingErrors,
  ...staffAdminErrors,
  ...webhooksErrors,
  ...workspaceErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** Validation messages, referred to as `vmeste:<key>` in schemas and problem details. */
export const validationMessages = {
  ...commonValidation,
  ...addressesValidation,
  ...analyticsValidation,
  ...answersValidation,
  ...calendarValidation,
  ...directoryValidation,
  ...discussionsValidation,
  ...duplicatesValidation,
  ...identityValidation,
  ...importValidation,
  ...knowledgeValidation,
  ...mediaValidation,
  ...notificationsValidation,
  ...noticesValidation,
  ...objectsValidation,
  ...open311Validation,
  ...participationValidation,
  ...referenceValidation,
  ...reportsValidation,
  ...routingValidation,
  ...staffAdminValidation,
  ...webhooksValidation,
  ...workspaceValidation,
} as const satisfies MessageDefinitions;

export type ValidationKey = keyof typeof validationMessages;

/** Errors only the web app shows; they live next to the codes in its `errors` namespace. */
export const clientMessages = {
  ...clientErrors,
  ...identityClientErrors,
} as const satisfies MessageDefinitions;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalogue, value);
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorCatalogue[code][locale];
}

const validationPrefix = 'vmeste:';

/**
 * The message of a `vmeste:<key>[:<argument>]` reference. The argument fills `{{value}}` and, when
 * it is a whole number, `{{count}}`; explicit params win. Returns null for an unknown key.
 */
export function validationText(reference: string, locale: Locale, params: MessageParams = {}): string | null {
  if (!reference.startsWith(validationPrefix)) return null;
  const [key = '', ...rest] = reference.slice(validationPrefix.length).split(':');
  if (!Object.hasOwn(validationMessages, key)) return null;
  const entry: MessageText = validationMessages[key as ValidationKey];
  const argument = rest.join(':');
  const fromArgument: MessageParams =
    rest.length === 0
      ? {}
      : /^\d+$/.test(argument)
        ? { value: argument, count: Number(argument) }
        : { value: argument };
  return formatText(entry[locale], locale, { ...fromArgument, ...params });
}

/**
 * A problem detail's message in the caller's language: services may give a catalogue code or a
 * `vmeste:` reference; any other text (e.g. a parser's own words) is passed on as it is.
 */
export function detailText(message: string, locale: Locale): string {
  if (isErrorCode(message)) return errorMessage(message, locale);
  return validationText(message, locale) ?? message;
}

type I18nextMessages = Record<string, string>;

/** One text as i18next keys: a plural becomes `key_one`, `key_few`… as i18next looks them up. */
function toI18next(definitions: MessageDefinitions, locale: Locale): I18nextMessages {
  const out: I18nextMessages = {};
  for (const [key, entry] of Object.entries(definitions)) {
    const text = entry[locale];
    if (typeof text === 'string') out[key] = text;
    else for (const [form, value] of Object.entries(text)) out[`${key}_${form}`] = value;
  }
  return out;
}

/** The catalogue as the web app's i18next namespaces `errors` (codes and client errors) and `validation`. */
export function i18nextResources(locale: Locale): { errors: I18nextMessages; validation: I18nextMessages } {
  const errors: I18nextMessages = {};
  for (const [code, entry] of Object.entries(errorCatalogue)) errors[code] = entry[locale];
  return {
    errors: { ...errors, ...toI18next(clientMessages, locale) },
    validation: toI18next(validationMessages, locale),
  };
}
