import type { z } from 'zod';

export { ApiError, type ApiErrorDetail, fieldProblem } from './api-error';

import { ApiError, type ApiErrorDetail } from './api-error';

/** The request never reached the server (offline, DNS, connection refused). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network_unavailable', { cause });
    this.name = 'NetworkError';
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

let csrfToken: string | null = null;
let languageProvider: () => string = () => 'ru';

/** The CSRF token lives only in memory: it comes from /me or from signing in. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

export function setLanguageProvider(provider: () => string): void {
  languageProvider = provider;
}

type RequestOptions<S extends z.ZodType> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The response schema (shared with the server); the body is parsed with it. */
  schema?: S;
  signal?: AbortSignal;
};

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function api<S extends z.ZodType>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<z.output<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': languageProvider(),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (unsafeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw toApiError(response.status, data);
  if (!options.schema) return data as z.output<S>;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    console.warn(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'invalid_response', 'invalid_response');
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Request-validation problems name their part of the request (`body.text`), domain problems only the
 * field (`text`): both become the field path the forms use.
 */
function fieldPath(path: string): string {
  return path.replace(/^(body|querystring|params|headers)\./, '');
}

function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object' && 'error' in data) {
    const e = (data as { error: { code?: unknown; message?: unknown; details?: unknown } }).error;
    const details = Array.isArray(e.details)
      ? e.details
          .filter((d): d is ApiErrorDetail => typeof d === 'object' && d !== null && 'message' in d)
          .map((d) => ({ path: fieldPath(String(d.path ?? '')), message: String(d.message) }))
      : [];
    return new ApiError(status, String(e.code ?? 'http_error'), String(e.message ?? status), details);
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`);
}

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
