/** The API's refusals, as the web app holds them: free of the browser, so node tests use them too. */

/** One problem with one field, as the API reports it (`path` is dotted, e.g. `text` or `mediaIds.0`). */
export type ApiErrorDetail = { path: string; message: string };

/** The server answered with an error body `{error:{code,message,details}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * What the server said about one field of a refused form — and about what lies under it
 * (`area.coordinates.0`) — joined; undefined when nothing (or the error is not the server's).
 */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.details
    .filter((d) => d.path === path || d.path.startsWith(`${path}.`))
    .map((d) => d.message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}
