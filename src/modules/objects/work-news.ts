import type { Executor } from '../../db/connection.ts';
import type { TopicNotice, TopicNotifier } from '../notifications/index.ts';
import type { WorkStatus } from './kinds.schemas.ts';
import { followersOf } from './objects.repo.ts';

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

export type WorkChange = {
  before: WorkStatus | null;
  after: WorkStatus;
  object: { id: string; name: string };
  work: { id: string; title: string };
  editorId: string;
  at: Date;
};

/**
 * The notice of a change for the object's followers (`followers`, less the editor who made it), or
 * null when it is no news or nobody is left to tell. Each news of a work reaches a person once (the
 * notifications' key is topic, work, person): a work started, stopped and started again is one
 * "started".
 */
export function workNotice(n: WorkChange, followers: string[]): TopicNotice | null {
  const topic = workNewsTopic(n.before, n.after);
  const userIds = followers.filter((id) => id !== n.editorId);
  if (!topic || userIds.length === 0) return null;
  return {
    topic,
    subjectId: n.work.id,
    subjectTitle: `${n.object.name}: ${n.work.title}`,
    userIds,
    at: n.at,
    link: `/objects/${n.object.id}`,
  };
}

/** One change made by hand: its object's followers looked up and told, in the change's transaction. */
export async function tellFollowers(exec: Executor, notifier: TopicNotifier, n: WorkChange): Promise<void> {
  if (!workNewsTopic(n.before, n.after)) return;
  const followers = await followersOf(exec, [n.object.id]);
  const notice = workNotice(n, followers.get(n.object.id) ?? []);
  if (notice) await notifier.tell(exec, notice);
}
