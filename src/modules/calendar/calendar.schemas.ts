import { z } from 'zod';

/** Years the platform can hold a calendar for (anything else is a typo, not a plan). */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The first and last day a filter, a plan or a work can name. */
export const DAY_MIN = '1900-01-01';
export const DAY_MAX = '2100-12-31';

/** A well-formed day outside the years; a malformed one has its own problem already (one message, not two). */
const outOfYears = (day: string) => ISO_DAY.test(day) && (day < DAY_MIN || day > DAY_MAX);

/**
 * A calendar day YYYY-MM-DD that a filter, a plan or a work can name: a real date (not 30 February)
 * in the years 1900–2100. Unbounded, year 0 went through (a valid ISO date, which PostgreSQL has no
 * date or timestamp for: the endpoint fuzzer's 500) and so did 9999 (a period past any computation).
 */
export const isoDaySchema = z.iso.date().refine((d) => !outOfYears(d), 'vmeste:day_out_of_range');

/**
 * A moment with its offset (ISO 8601, e.g. 2026-03-02T09:00:00+03:00) in the same years: year 0 went
 * through unbounded and PostgreSQL has no timestamp for it (a 500 on `GET /api/v1/notices?at=…`).
 */
export const isoMomentSchema = z.iso
  .datetime({ offset: true })
  .refine((m) => !outOfYears(m.slice(0, 10)), 'vmeste:moment_out_of_range');

const yearSchema = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);

export const calendarYearParamsSchema = z.object({ year: yearSchema });

export const calendarDayParamsSchema = z.object({
  day: z.iso.date().refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
  }, 'vmeste:calendar_year_range'),
});

export const calendarDayBodySchema = z
  .object({
    isWorking: z.boolean(),
    isShortened: z.boolean().default(false),
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.isShortened && !b.isWorking)
      ctx.addIssue({ code: 'custom', path: ['isShortened'], message: 'vmeste:shortened_must_be_working' });
  });
export type CalendarDayBody = z.output<typeof calendarDayBodySchema>;

const sourceSchema = z.enum(['decree', 'labour_code', 'admin']);

export const calendarDaySchema = z.object({
  day: z.string(),
  isWorking: z.boolean(),
  isShortened: z.boolean(),
  note: z.string().nullable(),
});

export const calendarYearListSchema = z.object({
  years: z.array(z.object({ year: z.number().int(), source: sourceSchema, note: z.string().nullable() })),
});

export const calendarYearSchema = z.object({
  year: z.number().int(),
  /** Null: the year is not loaded, so only weekends are days off. */
  source: sourceSchema.nullable(),
  note: z.string().nullable(),
  /** The dates that differ from "Monday to Friday work" or mark a holiday; every other date follows the rule. */
  days: z.array(calendarDaySchema),
  workingDays: z.number().int(),
});
export type CalendarYearView = z.infer<typeof calendarYearSchema>;

export const deadlineSummarySchema = z.object({
  items: z.array(
    z.object({
      organisation: z.object({ id: z.uuid(), name: z.object({ ru: z.string(), en: z.string() }) }),
      /** Reports whose answer deadline is running. */
      running: z.number().int(),
      nearlyDue: z.number().int(),
      overdue: z.number().int(),
      /** Overdue long enough to be escalated to the curator. */
      escalated: z.number().int(),
      /**
       * Answers submitted and waiting for review: the organisation's clock stands still, so they
       * are counted apart, with those whose review deadline has passed.
       */
      inReview: z.number().int(),
      reviewOverdue: z.number().int(),
    }),
  ),
});
export type DeadlineSummary = z.infer<typeof deadlineSummarySchema>;
