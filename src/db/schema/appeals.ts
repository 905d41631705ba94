import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.ts';

/**
 * Who files a 59-ФЗ appeal and where its answer goes. Personal data: kept apart from the report so that
 * no listing or public query can reach it; read only by the author and the staff who handle the appeal.
 */
export const appealDetails = pgTable('appeal_details', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  fullName: text('full_name').notNull(),
  email: text('email'),
  postalAddress: text('postal_address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
