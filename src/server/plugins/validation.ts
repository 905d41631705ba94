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
  ({ schema }) =>
  (data) => {
    const result = z.safeParse(schema, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };
