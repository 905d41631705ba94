import type { Executor } from '../../db/connection.ts';
import type { TopicNotifier } from '../notifications/index.ts';
import type { WorkStatus } from './kinds.schemas.ts';
import { followerIds } from './objects.repo.ts';

type WorkNewsTopic =
  | 'object_work_added'
  | 'object_work_started'
  | 'object_work_completed'
  | 'object_work_cancelled';

/**
 * What a work's change is news of for the object's followers (`before` null: the work is new), or
 * nothing when its state stays or it is born cancelled. A registry's past works added as completed
 * are news too: the followers may rate them.
 */
export function workNewsTopic(before: WorkStatus | null, after: WorkStatus): WorkNewsTopic | null {
  if (before === after) return null;
  switch (after) {
    case 'planned':
      return before === null ? 'object_work_added' : null;
    case 'in_progress':
      return 'object_work_started';
    case 'completed':
      return 'object_work_completed';
    case 'cancelled':
      return before === null ? null : 'object_work_cancelled';
  }
}

/**
 * Tells the object's followers (not the editor who made the change), in the change's transaction.
 * Each news of a work reaches a person once (the notifications' key is topic, work, person): a work
 * started, stopped and started again is one "started".
 */
export async function tellFollowers(
  exec: Executor,
  notifier: TopicNotifier,
  n: {
    before: WorkStatus | null;
    after: WorkStatus;
    object: { id: string; name: string };
    work: { id: string; title: string };
    editorId: string;
    at: Date;
  },
): Promise<void> {
  const topic = workNewsTopic(n.before, n.after);
  if (!topic) return;
  const userIds = (await followerIds(exec, n.object.id)).filter((id) => id !== n.editorId);
  await notifier.tell(exec, {
    topic,
    subjectId: n.work.id,
    subjectTitle: `${n.object.name}: ${n.work.title}`,
    userIds,
    at: n.at,
    link: `/objects/${n.object.id}`,
  });
}
