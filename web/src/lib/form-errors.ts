import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type ApiErrorDetail } from './api-client';

/**
 * Puts each server-side field problem next to its field. Returns the details that match no field,
 * to be listed with the general message.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  /** Maps a server path (e.g. `lat`) to the form field that shows it (e.g. `point`). */
  alias: Record<string, string> = {},
): ApiErrorDetail[] {
  if (!(error instanceof ApiError)) return [];
  const rest: ApiErrorDetail[] = [];
  let first = true;
  for (const detail of error.details) {
    const top = detail.path.split('.')[0] ?? '';
    const field =
      alias[detail.path] ??
      alias[top] ??
      (fields.includes(detail.path) ? detail.path : fields.includes(top) ? top : null);
    if (field) {
      // Move focus to the first field the server refused, as client-side validation does.
      setError(field as Path<T>, { type: 'server', message: detail.message }, { shouldFocus: first });
      first = false;
    } else rest.push(detail);
  }
  return rest;
}
