import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';

/** Deeper than any form or document the platform accepts; deeper input is an attack on recursion. */
export const MAX_INPUT_DEPTH = 32;

// NUL (PostgreSQL text cannot hold it) and UTF-16 halves without their pair (jsonb refuses them).
// A high half not followed by a low one, or a low half not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasUnsafeText(s: string): boolean {
  return s.includes('\0') || loneSurrogate.test(s);
}

/**
 * Finds the first problem in parsed input without recursion (a 10,000-deep document must not blow
 * the stack here either): a string or key with NUL or a lone surrogate, or nesting past the limit.
 */
export function inspectInput(input: unknown, part: string): ErrorDetail | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: part, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnsafeText(value)) return { path, message: 'vmeste:unsafe_text' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, message: 'vmeste:too_deep' };
    for (const [key, child] of Object.entries(value)) {
      if (hasUnsafeText(key)) return { path, message: 'vmeste:unsafe_text' };
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * One guard at the edge for every endpoint, the REST API and Open311 alike: text no column can
 * store and documents nested past reason are refused with 400 before any handler or query sees
 * them, instead of each field's schema having to remember it (and a 500 when one forgets).
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const problem =
      inspectInput(request.params, '') ??
      inspectInput(request.query, 'querystring') ??
      inspectInput(request.body, '');
    if (problem) throw new AppError('validation_failed', [problem]);
  });
}
