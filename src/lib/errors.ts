/**
 * Errors leave the server as `{ error: { code, message, details } }`: a stable snake_case code
 * with its HTTP status, and a message in the caller's language. The codes and messages are
 * declared by the modules (`src/modules/<module>/<module>.errors.ts`) and assembled in
 * `./messages/`; services throw AppError with a code, the error handler presents it.
 */
import { type ErrorCode, errorCatalogue, errorMessage } from './messages/index.ts';
import type { Locale } from './messages/types.ts';

export { type ErrorCode, errorCatalogue } from './messages/index.ts';
export type { Locale } from './messages/types.ts';

export type ErrorDetail = { path: string; message: string; code?: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, details: ErrorDetail[] = [], message?: string) {
    super(message ?? errorCatalogue[code].en);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

export function localisedMessage(code: ErrorCode, locale: Locale): string {
  return errorMessage(code, locale);
}

/** Picks the UI language from Accept-Language; Russian is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'ru';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}
