import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * Reports imported from an earlier system, by (source, external id): the key that makes re-running
 * an import skip what is already here instead of filing it twice (`vmeste import`, docs/import.md).
 */
export const reportImports = pgTable(
  'report_imports',
  {
    /** The mapping file's `source` name (e.g. `spb-appeals`). */
    source: text('source').notNull(),
    /** The report's id in the source system. */
    externalId: text('external_id').notNull(),
    // DEFERRABLE INITIALLY DEFERRED (migration 0018; drizzle cannot say it): the import inserts the
    // claim before its report, and Citus checks each data-modifying CTE as a statement of its own.
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.externalId] }),
    index('report_imports_report_idx').on(t.reportId),
  ],
);
