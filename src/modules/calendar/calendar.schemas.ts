import { z } from 'zod';

/** Years the platform can hold a calendar for (anything else is a typo, not a plan). */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

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
