import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { TopicNotifier } from '../notifications/index.ts';
import type { AudienceSettings } from './audience.ts';

/** What the discussion use cases need: the database, the clock and the region's audience rule. */
export type DiscussionsDeps = {
  db: Db;
  clock: Clock;
  audience: AudienceSettings;
  /** Followers hear of official replies and results through the notifications module. */
  notifier: TopicNotifier;
  /** Largest number of files a discussion lists. */
  maxAttachments?: number;
  /** Called after a vote: wakes the opinion-map job (absent where no job queue runs). */
  afterVote?: () => void;
};
