import type { Database, Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { BlobStorage } from '../modules/media/storage.ts';
import type { AppConfig } from './config.ts';

/** Everything a service may need, built once at boot and passed down explicitly (no globals). */
export type AppContext = {
  config: AppConfig;
  database: Database;
  db: Db;
  clock: Clock;
  storage: BlobStorage;
};
