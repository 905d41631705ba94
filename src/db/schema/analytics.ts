import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ReportStatus } from '../../modules/reports/report-states.ts';
import { reports } from './reports.ts';

/**
 * Analytics (docs/analytics.md). One narrow row per report with every figure the dashboards need
 * already worked out (answer time in working days, on time, rating, dispute, redirect, supporters),
 * kept by the `analytics-refresh` job from the reports changed since its last pass; the monthly
 * roll-up below is rebuilt from it for the cells those reports touch.
 */
export const analyticsReportFacts = pgTable(
  'analytics_report_facts',
  {
    reportId: uuid('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The local (Moscow time) date of submission: the period a report is counted in. */
    createdDay: date('created_day', { mode: 'string' }).notNull(),
    territoryId: uuid('territory_id'),
    /** The subject (leaf category) and its topic, so either can be a filter. */
    categoryId: uuid('category_id').notNull(),
    topicId: uuid('topic_id'),
    organisationId: uuid('organisation_id'),
    status: text('status').$type<ReportStatus>().notNull(),
    isPublic: boolean('is_public').notNull(),
    /** Open work (not answered, resolved or finished). */
    isOpen: boolean('is_open').notNull(),
    /** The organisation owes an answer now, so `due_at` runs (overdue = running and past it). */
    deadlineRunning: boolean('deadline_running').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    answered: boolean('answered').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Working days from submission to the answer, less the days the author was asked to clarify. */
    answerWorkingDays: integer('answer_working_days'),
    /** Answered by the deadline; null when answered without a deadline or not answered. */
    onTime: boolean('on_time'),
    solved: boolean('solved').notNull(),
    rating: smallint('rating'),
    disputed: boolean('disputed').notNull(),
    redirected: boolean('redirected').notNull(),
    merged: boolean('merged').notNull(),
    supporters: integer('supporters').notNull(),
    closedWithoutRating: boolean('closed_without_rating').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('analytics_facts_day_idx').on(t.createdDay),
    index('analytics_facts_org_day_idx').on(t.organisationId, t.createdDay),
    index('analytics_facts_cell_idx').on(t.categoryId, t.territoryId, t.createdDay),
    index('analytics_facts_league_idx').on(t.organisationId, t.answeredAt),
  ],
);

/**
 * Monthly roll-up of the facts per (month, territory, subject, organisation): the additive counts, so a
 * dashboard over whole months reads a few thousand rows instead of a million. Rebuilt per touched cell.
 */
export const analyticsMonthly = pgTable(
  'analytics_monthly',
  {
    month: date('month', { mode: 'string' }).notNull(),
    territoryId: uuid('territory_id'),
    categoryId: uuid('category_id').notNull(),
    topicId: uuid('topic_id'),
    organisationId: uuid('organisation_id'),
    received: integer('received').notNull(),
    answered: integer('answered').notNull(),
    withDeadline: integer('with_deadline').notNull(),
    onTime: integer('on_time').notNull(),
    solved: integer('solved').notNull(),
    rated: integer('rated').notNull(),
    ratingSum: integer('rating_sum').notNull(),
    satisfied: integer('satisfied').notNull(),
    disputed: integer('disputed').notNull(),
    redirected: integer('redirected').notNull(),
    merged: integer('merged').notNull(),
    supporters: integer('supporters').notNull(),
    closedWithoutRating: integer('closed_without_rating').notNull(),
  },
  (t) => [index('analytics_monthly_month_idx').on(t.month)],
);

/** Answer times of a monthly cell as a histogram (working days → reports), so medians stay exact. */
export const analyticsMonthlyAnswerDays = pgTable(
  'analytics_monthly_answer_days',
  {
    month: date('month', { mode: 'string' }).notNull(),
    territoryId: uuid('territory_id'),
    categoryId: uuid('category_id').notNull(),
    topicId: uuid('topic_id'),
    organisationId: uuid('organisation_id'),
    workingDays: integer('working_days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('analytics_monthly_days_month_idx').on(t.month)],
);

/**
 * The production calendar as a running count: `idx` is the number of working days before `day`, so
 * the working days between two dates are one subtraction in SQL. Rebuilt when the calendar changes.
 */
export const analyticsWorkdays = pgTable('analytics_workdays', {
  day: date('day', { mode: 'string' }).primaryKey(),
  idx: integer('idx').notNull(),
});

/** The refresh job's bookmarks (the last report change it has folded in, the calendar it used). */
export const analyticsState = pgTable('analytics_state', {
  key: text('key').primaryKey(),
  at: timestamp('at', { withTimezone: true }),
  value: text('value'),
});

/** Acute spikes (docs/analytics.md): raised once per (subject, territory) episode, closed when it ends. */
export const analyticsAlerts = pgTable(
  'analytics_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id').notNull(),
    territoryId: uuid('territory_id').notNull(),
    openedDay: date('opened_day', { mode: 'string' }).notNull(),
    closedDay: date('closed_day', { mode: 'string' }),
    observed: integer('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_alerts_open_idx').on(t.categoryId, t.territoryId, t.closedDay)],
);
