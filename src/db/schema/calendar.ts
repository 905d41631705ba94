import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The production calendar of the Russian Federation, one row per year that is loaded (where its days
 * came from) and one row per date that differs from the plain rule "Monday to Friday work, Saturday
 * and Sunday rest": public holidays on weekdays, days off moved by decree, working Saturdays, and
 * shortened pre-holiday days. Admins edit the days; shipped years come with the migration.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** decree: the government's decree; labour_code: derived from art. 112 rules; admin: edited since. */
  source: text('source', { enum: ['decree', 'labour_code', 'admin'] }).notNull(),
  note: text('note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  isWorking: boolean('is_working').notNull(),
  /** A working day one hour shorter (Labour Code art. 95): the day before a public holiday. */
  isShortened: boolean('is_shortened').notNull().default(false),
  /** Why the day differs (the holiday's name, the decree's transfer). */
  note: text('note'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
