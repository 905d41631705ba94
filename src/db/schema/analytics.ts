import { sql } from 'drizzle-orm';
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
    /**
     * The report's Web-Mercator point (a copy of `reports.mercator`) and its base map cell
     * (`floor(x / MAP_BASE_CELL_METRES)`): the map roll-up and the matrix's "same place" read them
     * here instead of joining the reports.
     */
    mx: doublePrecision('mx'),
    my: doublePrecision('my'),
    cellX: integer('cell_x'),
    cellY: integer('cell_y'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('analytics_facts_day_idx').on(t.createdDay),
    index('analytics_facts_map_cell_idx').on(t.cellX, t.cellY),
    // Open work whose deadline has not passed yet: few rows, so "overdue now" is the roll-ups' running
    // deadlines less these (summary.repo.ts).
    index('analytics_facts_not_yet_due_idx')
      .on(t.dueAt, t.createdDay)
      .where(sql`is_open AND deadline_running`),
    index('analytics_facts_org_day_idx').on(t.organisationId, t.createdDay),
    index('analytics_facts_cell_idx').on(t.categoryId, t.territoryId, t.createdDay),
    // The league's index, (organisation_id, answered_at) covering the sample's columns, is
    // hand-written in the migration (drizzle cannot write INCLUDE).
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
    /** Open work now, and the part of it whose deadline runs and is set (overdue once `due_at` passes). */
    openNow: integer('open_now').notNull().default(0),
    runningDue: integer('running_due').notNull().default(0),
  },
  (t) => [index('analytics_monthly_month_idx').on(t.month)],
);

/**
 * Daily roll-up of the facts per (local day, territory, top-level category): the days at a period's
 * edges, weekly trends and the open-work figures read these (tens of rows a day) instead of the facts
 * (over a thousand a day at a region's scale). A subject or organisation filter reads the facts.
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    territoryId: uuid('territory_id'),
    /** The topic, or the category itself when it has no parent. */
    topCategoryId: uuid('top_category_id').notNull(),
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
    openNow: integer('open_now').notNull(),
    runningDue: integer('running_due').notNull(),
  },
  (t) => [index('analytics_daily_day_idx').on(t.day, t.territoryId, t.topCategoryId)],
);

/** Answer times of a daily cell as a histogram (working days → reports). */
export const analyticsDailyAnswerDays = pgTable(
  'analytics_daily_answer_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    territoryId: uuid('territory_id'),
    topCategoryId: uuid('top_category_id').notNull(),
    workingDays: integer('working_days').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('analytics_daily_days_day_idx').on(t.day, t.territoryId, t.topCategoryId)],
);

/**
 * The map's grid roll-up (docs/analytics.md "The map"): per base cell of 2^-17 of the world's width
 * (about 306 Web-Mercator metres), at three grains — 0: every report of the cell (by `listed`); 1:
 * and by status; 2: and by subject, territory and organisation — the count, the coordinate sums (the
 * cluster's centre) and, for a single report, its id and status. Coarsened to a zoom by shifting the
 * cell numbers. Rebuilt per touched cell by the refresh job.
 */
export const analyticsMapCells = pgTable(
  'analytics_map_cells',
  {
    grain: smallint('grain').notNull(),
    cx: integer('cx').notNull(),
    cy: integer('cy').notNull(),
    /** Publicly listed (what the public may see on the map). */
    listed: boolean('listed').notNull(),
    status: text('status').$type<ReportStatus>(),
    categoryId: uuid('category_id'),
    territoryId: uuid('territory_id'),
    organisationId: uuid('organisation_id'),
    n: integer('n').notNull(),
    sx: doublePrecision('sx').notNull(),
    sy: doublePrecision('sy').notNull(),
    oneId: uuid('one_id'),
    oneStatus: text('one_status').$type<ReportStatus>(),
  },
  (t) => [
    index('analytics_map_cells_cell_idx').on(t.grain, t.cx, t.cy),
    index('analytics_map_cells_category_idx').on(t.categoryId, t.cx, t.cy),
    index('analytics_map_cells_territory_idx').on(t.territoryId, t.cx, t.cy),
    index('analytics_map_cells_org_idx').on(t.organisationId, t.cx, t.cy),
  ],
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
