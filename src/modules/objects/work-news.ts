import { randomUUID } from 'node:crypto';
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

/** More works than this with the same news of one object in one import chunk are told as one. */
export const WORK_NEWS_DIGEST_AFTER = 3;

/**
 * A registry import's news of a chunk: the works of one object with the same news told one by one
 * when they are few, as one notice when more — a programme of hundreds of works on a park would
 * otherwise put hundreds of lines in each follower's bell, and followers × works rows in the chunk's
 * transaction. The digest names the first such work and counts the others, "(+N)", and leads to the
 * object's page, which lists them all. Its subject is an id of its own: news is kept once per topic,
 * subject and person, and a first work told the same news before (started, stopped, started again)
 * would otherwise swallow the digest.
 */
export function importNotices(changes: { change: WorkChange; followers: string[] }[]): TopicNotice[] {
  const groups = new Map<string, { change: WorkChange; followers: string[] }[]>();
  for (const c of changes) {
    const topic = workNewsTopic(c.change.before, c.change.after);
    if (!topic) continue;
    const key = `${c.change.object.id} ${topic}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].flatMap((group) => {
    if (group.length <= WORK_NEWS_DIGEST_AFTER)
      return group.flatMap(({ change, followers }) => workNotice(change, followers) ?? []);
    const first = workNotice(group[0]!.change, group[0]!.followers);
    if (!first) return [];
    return [
      { ...first, subjectId: randomUUID(), subjectTitle: `${first.subjectTitle} (+${group.length - 1})` },
    ];
  });
}

/** One change made by hand: its object's followers looked up and told, in the change's transaction. */
export async function tellFollowers(exec: Executor, notifier: TopicNotifier, n: WorkChange): Promise<void> {
  if (!workNewsTopic(n.before, n.after)) return;
  const followers = await followersOf(exec, [n.object.id]);
  const notice = workNotice(n, followers.get(n.object.id) ?? []);
  if (notice) await notifier.tell(exec, notice);
}
