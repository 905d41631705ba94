import { z } from 'zod';
import { TIME_PATTERN } from './hours.ts';

/* Requests and responses of the organisation directory (the web app imports these). */

/** Kinds of organisation as residents know them: shared by the table, these schemas and the web app. */
export const directoryKinds = [
  'authority',
  'municipal',
  'institution',
  'management_company',
  'hoa',
  'utility',
] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

const time = z.string().regex(TIME_PATTERN, 'vmeste:time_hhmm');
const localised = z.object({ ru: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'vmeste:date');

export const hoursIntervalSchema = z
  .object({
    day: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday'),
    opens: time,
    closes: time.describe(
      'At or before `opens`: the interval runs past midnight; "24:00" is the end of the day',
    ),
    breaks: z
      .array(z.object({ from: time, to: time }).strict())
      .max(4)
      .default([]),
  })
  .strict();

export const profileInputSchema = z
  .object({
    kind: z
      .enum(directoryKinds)
      .nullable()
      .default(null)
      .describe('As residents know it; null keeps the reference kind'),
    description: z
      .object({ ru: z.string().trim().max(2000), en: z.string().trim().max(2000) })
      .nullable()
      .default(null),
    website: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .nullable()
      .default(null),
    officeAddress: z.string().trim().max(300).nullable().default(null),
    servedAddresses: z.array(z.string().trim().min(3).max(300)).max(500).default([]),
    services: z.array(localised).max(50).default([]),
    hours: z.array(hoursIntervalSchema).max(28).default([]),
    daysOff: z.array(isoDate).max(366).default([]),
    observesHolidays: z.boolean().default(true),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileInputSchema>;

export const organisationParamsSchema = z.object({ id: z.uuid() });

const name = z.object({ ru: z.string(), en: z.string() });
const ref = z.object({ id: z.uuid(), name });

const openStatusSchema = z.object({
  openNow: z.boolean(),
  closesAt: z.string().nullable().describe('When the current opening ends (a break or closing)'),
  nextOpening: z
    .object({
      at: z.string(),
      date: z.string().describe('Local date'),
      weekday: z.number().int().describe('ISO weekday, 1 = Monday'),
      time: z.string().describe('Local time HH:MM'),
    })
    .nullable()
    .describe('When closed: the next opening (holidays and days off skipped)'),
});

export const organisationPageSchema = openStatusSchema.extend({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(directoryKinds),
  name,
  description: z.object({ ru: z.string(), en: z.string() }).nullable(),
  contacts: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    officeAddress: z.string().nullable(),
  }),
  territories: z.array(ref),
  servedAddresses: z.array(z.string()),
  categories: z.array(ref),
  services: z.array(name),
  hours: z.array(hoursIntervalSchema),
  hoursText: z
    .string()
    .nullable()
    .describe('Free-text hours from the reference data, when no schedule is set'),
  daysOff: z.array(z.string()),
  observesHolidays: z.boolean(),
  figures: z.object({
    since: z.string(),
    received: z.number().int(),
    answeredOnTimeShare: z.number().nullable().describe('0..1 of the reports due in the period'),
    meanRating: z.number().nullable(),
    disputeRate: z.number().nullable().describe('0..1 of the answered reports'),
  }),
});
export type OrganisationPage = z.infer<typeof organisationPageSchema>;

export const directoryQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(directoryKinds).optional(),
  category: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const directoryListSchema = z.object({
  items: z.array(
    openStatusSchema.extend({
      id: z.uuid(),
      kind: z.enum(directoryKinds),
      name,
      officeAddress: z.string().nullable(),
      phone: z.string().nullable(),
      score: z.number(),
    }),
  ),
});

export const responsibleQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});

export const responsibleSchema = z.object({
  items: z.array(z.object({ categoryId: z.uuid(), organisationId: z.uuid() })),
});
