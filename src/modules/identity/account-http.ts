import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeFromHeader } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { publicOrigin } from '../../server/public-url.ts';
import { type AccountDeps, AccountLockedError, type LetterContext } from './account.service.ts';
import { accountMailer } from './account-mail.ts';

type RouteAccountDeps = AccountDeps & { sessionTtlDays: number };

/** One set per application, so its routes share one SMTP transport. */
const depsByContext = new WeakMap<AppContext, RouteAccountDeps>();

/** What the account use cases need, from the application's configuration. */
export function accountDepsOf(ctx: AppContext): RouteAccountDeps {
  let deps = depsByContext.get(ctx);
  if (!deps) {
    const { config } = ctx;
    deps = {
      db: ctx.db,
      clock: ctx.clock,
      sessionTtlDays: config.sessionTtlDays,
      requireEmailConfirmation: config.requireEmailConfirmation,
      mailer: accountMailer(config.smtpUrl, config.mailFrom),
      lockout: config.loginLockout,
    };
    depsByContext.set(ctx, deps);
  }
  return deps;
}

/** Where an account letter's links point and the language it is written in, from the request. */
export function lettersOf(ctx: AppContext, request: FastifyRequest): LetterContext {
  return {
    origin: publicOrigin(ctx.config, request),
    locale: localeFromHeader(request.headers['accept-language']),
  };
}

/** A locked account's refusal carries Retry-After like any other 429. */
export async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AccountLockedError) reply.header('retry-after', String(err.retryAfterSeconds));
    throw err;
  }
}
