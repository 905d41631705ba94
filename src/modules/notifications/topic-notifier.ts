import type { Executor } from '../../db/connection.ts';
import type { AppContext } from '../../server/context.ts';
import { notificationsRuntime } from './runtime.ts';
import { notifyPeople, type TopicNotice } from './topics.ts';

export type { TopicNotice };

/**
 * How other modules tell people about things other than reports (followers of a discussion or of a
 * city object, supporters of an initiative): in-app and by e-mail in each reader's language, written
 * in the transaction of the change; the e-mails go out with the dispatcher's next run, which
 * `afterCommit` starts at once.
 */
export type TopicNotifier = {
  /** Several notices (a registry's chunk of works) are looked up and written together (notifyPeople). */
  tell(exec: Executor, notices: TopicNotice | TopicNotice[]): Promise<void>;
  afterCommit(): void;
};

export function topicNotifier(ctx: AppContext): TopicNotifier {
  return {
    tell: async (exec, notices) => {
      await notifyPeople(exec, Boolean(ctx.config.smtpUrl), notices);
    },
    afterCommit: () => notificationsRuntime(ctx).afterCommit(),
  };
}

/**
 * In-app only, with no dispatcher to start: for the demo seed, which runs before any server (its
 * notifications are there when residents first sign in; no e-mail is sent for invented news).
 */
export function inAppTopicNotifier(): TopicNotifier {
  return {
    tell: async (exec, notices) => {
      await notifyPeople(exec, false, notices);
    },
    afterCommit: () => {},
  };
}
