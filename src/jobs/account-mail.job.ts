import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { type AccountMailer, deliverAccountMail } from '../modules/identity/index.ts';
import type { JobQueue } from './queue.ts';

export const ACCOUNT_MAIL_QUEUE = 'account-mail';

/**
 * Account e-mail (confirmation and reset links) normally leaves right after its request; this run
 * every minute sends what that missed (a node that stopped, a mail server that was down).
 */
export async function registerAccountMailJob(
  queue: JobQueue,
  deps: { db: Db; clock: Clock; mailer: AccountMailer | null },
): Promise<void> {
  if (!deps.mailer) return;
  await queue.createQueue(ACCOUNT_MAIL_QUEUE, { name: ACCOUNT_MAIL_QUEUE, policy: 'singleton' });
  await queue.schedule(ACCOUNT_MAIL_QUEUE, '* * * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(ACCOUNT_MAIL_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await deliverAccountMail(deps);
  });
}
