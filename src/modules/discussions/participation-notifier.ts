import type { Executor } from '../../db/connection.ts';
import type { AppContext } from '../../server/context.ts';
import { type NotificationTopic, notificationsRuntime, notifyPeople } from '../notifications/index.ts';

export type ParticipationNotice = {
  topic: NotificationTopic;
  subjectId: string;
  subjectTitle: string;
  userIds: string[];
  at: Date;
  link?: string;
};

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
