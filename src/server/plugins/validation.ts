import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';

/** Carries every zod issue of one request part (body, querystring, params, headers) to the error handler. */
export class RequestValidationError extends Error {
  readonly issues: z.core.$ZodIssue[];
  validationContext?: string;
  constructor(issues: z.core.$ZodIssue[]) {
    super('request validation failed');
    this.issues = issues;
  }
}

/**
 * Like fastify-type-provider-zod's compiler, but keeps the whole ZodError (all problems, with the
 * received input's type so messages can say "expected a number, got text").
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // An absent body is an empty object: actions without fields need none, and forms with required
    // fields get every missing field listed instead of one "expected an object".
    const input = httpPart === 'body' && (data === null || data === undefined) ? {} : data;
    const result = z.safeParse(schema, input, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };
