import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ReportStatus } from '../../modules/reports/report-states.ts';
import { users } from './identity.ts';
import { reports } from './reports.ts';

/** Exactly what a merge moved onto the primary, so that undoing it restores precisely that. */
export type MergeMoved = {
  /** Followers added to the primary (people who already followed it are not listed). */
  followers: { userId: string; reason: 'supporter' | 'merged' | 'subscriber' }[];
  /** The duplicate's photos, now linked to the primary. */
  mediaIds: string[];
  /** How much the primary's priority was raised. */
  priorityAdded: number;
  /**
   * The duplicate was public but not yet moderated: it was made private for the time it is merged
   * (a merge must not publish what no moderator has seen) and is made public again by unmerge.
   */
  hiddenUntilModerated?: boolean;
};

/**
 * One row per merge of a duplicate into a primary report. Kept out of the timeline's payloads
 * because the list of followers names people (by id), and timeline payloads are public.
 */
export const reportMerges = pgTable(
  'report_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    duplicateId: uuid('duplicate_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    primaryId: uuid('primary_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The duplicate's status before the merge: undoing the merge returns it there. */
    fromStatus: text('from_status').$type<ReportStatus>().notNull(),
    moved: jsonb('moved').$type<MergeMoved>().notNull(),
    mergedBy: uuid('merged_by').references(() => users.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    undoneBy: uuid('undone_by').references(() => users.id),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    // A report is merged into at most one primary at a time.
    uniqueIndex('report_merges_active_uq').on(t.duplicateId).where(sql`undone_at IS NULL`),
    index('report_merges_primary_idx').on(t.primaryId),
  ],
);
