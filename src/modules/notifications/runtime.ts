import { errorSummary } from '../../db/error-log.ts';
import type { AppContext } from '../../server/context.ts';
import type { DispatchDeps } from './dispatcher.ts';
import { LiveHub } from './live-hub.ts';
import { type Mailer, smtpMailer } from './mailer.ts';

export const DISPATCH_QUEUE = 'notifications-dispatch';

/** What one app node keeps for notifications: the live hub, the mailer, the dispatcher's needs. */
export type NotificationsRuntime = {
  hub: LiveHub;
  mailer: Mailer | null;
  dispatch: DispatchDeps;
  /** Called after a command commits timeline events: live pages look now, the dispatcher runs soon. */
  afterCommit(): void;
};

const runtimes = new WeakMap<AppContext, NotificationsRuntime>();

/** One runtime per app (keyed by its context), created on first use. */
export function notificationsRuntime(ctx: AppContext): NotificationsRuntime {
  const found = runtimes.get(ctx);
  if (found) return found;
  const { config } = ctx;
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const hub = new LiveHub(ctx.db, config.livePollMs, (err) =>
    process.stderr.write(`live updates: ${errorSummary(err)}\n`),
  );
  // One queue send at a time per node: the queue's policy folds a burst of kicks into one waiting
  // run anyway, so a kick while a send is in flight asks for one more send after it (the dispatcher
  // still runs after the last commit) instead of a statement per action under load.
  let sending = false;
  let sendAgain = false;
  const sendKick = (): void => {
    const queue = ctx.queue;
    if (!queue) return;
    if (sending) {
      sendAgain = true;
      return;
    }
    sending = true;
    queue
      .send(DISPATCH_QUEUE, {})
      .catch(() => {})
      .finally(() => {
        sending = false;
        if (sendAgain) {
          sendAgain = false;
          sendKick();
        }
      });
  };
  const baseUrl =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const runtime: NotificationsRuntime = {
    hub,
    mailer,
    dispatch: { db: ctx.db, clock: ctx.clock, mailer, baseUrl },
    afterCommit() {
      hub.kick();
      sendKick();
    },
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
