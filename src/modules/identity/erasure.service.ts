import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from './actor.ts';
import * as repo from './erasure.repo.ts';
import type { ErasureResult } from './erasure.schemas.ts';
import { forgetSessions } from './identity.service.ts';

export type ErasureDeps = { db: Db; clock: Clock };

/**
 * The right to be forgotten (152-ФЗ art. 21): the person's data is erased, their reports stay for the
 * city's record, anonymised. The audit row says who erased which account id and how much, never
 * what was erased. Staff accounts are not erased this way (their actions are the authority's
 * record); an admin takes away their role first.
 */
async function erase(
  deps: ErasureDeps,
  actor: Actor,
  userId: string,
  how: { by: 'self' | 'admin'; reference?: string },
): Promise<ErasureResult> {
  const result = await deps.db.transaction(async (tx) => {
    const user = await repo.lockUser(tx, userId);
    if (!user) throw new AppError('not_found');
    if (user.role !== 'resident')
      throw new AppError('forbidden', [{ path: 'userId', message: 'only a resident account is erased' }]);
    if (user.email === repo.erasedEmail(user.id))
      return { status: 'erased', alreadyErased: true, reports: 0, anonymisedTexts: 0, appeals: 0 } as const;
    const { sessionIds, counts } = await repo.eraseAccount(tx, user);
    await writeAudit(tx, {
      actor,
      action: 'account.erased',
      entityType: 'user',
      entityId: user.id,
      details: { by: how.by, ...(how.reference ? { reference: how.reference } : {}), ...counts },
      at: deps.clock.now(),
    });
    forgetSessions(sessionIds);
    return {
      status: 'erased',
      alreadyErased: false,
      reports: counts.reports,
      anonymisedTexts: counts.anonymisedTexts,
      appeals: counts.appeals,
    } as const;
  });
  return result;
}

/** A resident erases their own account. */
export function eraseOwnAccount(deps: ErasureDeps, actor: Actor): Promise<ErasureResult> {
  if (actor.role !== 'resident')
    throw new AppError('forbidden', [{ path: 'role', message: 'only a resident account is erased' }]);
  return erase(deps, actor, actor.id, { by: 'self' });
}

/** An admin erases a resident's account on their request (received by letter, at a reception desk). */
export function eraseAccountOnRequest(
  deps: ErasureDeps,
  actor: Actor,
  userId: string,
  reference: string,
): Promise<ErasureResult> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  return erase(deps, actor, userId, { by: 'admin', reference });
}
