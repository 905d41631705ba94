import type { Database, Db } from '../db/connection.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import type { SecretBox } from '../lib/secret-box.ts';
import type { CalendarStore } from '../modules/calendar/index.ts';
import type { ModelStore } from '../modules/classifier/index.ts';
import type { BlobStorage } from '../modules/media/index.ts';
import type { AppConfig } from './config.ts';

/** Everything a service may need, built once at boot and passed down explicitly (no globals). */
export type AppContext = {
  config: AppConfig;
  database: Database;
  db: Db;
  /** The database is a Citus coordinator (a region's tables are distributed): asked once at boot. */
  citus: boolean;
  clock: Clock;
  storage: BlobStorage;
  /** The active classifier model (routing advice, category suggestions). */
  classifier: ModelStore;
  /** The job queue, where this process runs one (serve does; most tests do not). */
  queue: JobQueue | null;
  /** The production calendar for deadlines (in memory, refreshed on edits). */
  calendar: CalendarStore;
  /** Encrypts secrets kept in the database (webhook secrets) with SECRETS_KEY. */
  secrets: SecretBox;
};
