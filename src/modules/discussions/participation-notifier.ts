import type { Executor } from '../../db/connection.ts';
import type { AppContext } from '../../server/context.ts';
import { notificationsRuntime, notifyPeople } from '../notifications/index.ts';

/** Who is told what: a topic, its subject, the people, and optionally where the notice leads. */
export type ParticipationNotice = Parameters<typeof notifyPeople>[2];

/**
 * How discussions and initiatives tell people (followers of a discussion, supporters of an
 * initiative): through the notifications module, in-app and by e-mail in each reader's language,
 * written in the transaction of the change; the e-mails go out with the dispatcher's next run,
 * which `afterCommit` starts at once.
 */
export type ParticipationNotifier = {
  tell(exec: Executor, notice: ParticipationNotice): Promise<void>;
  afterCommit(): void;
};

export function participationNotifier(ctx: AppContext): ParticipationNotifier {
  return {
    tell: async (exec, notice) => {
      if (notice.userIds.length > 0) await notifyPeople(exec, Boolean(ctx.config.smtpUrl), notice);
    },
    afterCommit: () => notificationsRuntime(ctx).afterCommit(),
  };
}
