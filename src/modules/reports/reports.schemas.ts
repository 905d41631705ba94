import { z } from 'zod';
import { answerQualitySchema } from '../answers/answers.schemas.ts';
import { isoDaySchema } from '../calendar/calendar.schemas.ts';
import { MAX_EXTENSION_DAYS } from '../calendar/deadlines.ts';
import {
  duplicateFieldsSchema,
  mergeBodySchema,
  similarReportSchema,
  unmergeBodySchema,
} from '../duplicates/duplicates.schemas.ts';
import { photoSchema } from '../media/media.schemas.ts';
import { localisedNameSchema } from '../reference/reference.schemas.ts';
import { reportActions, reportStatuses } from './report-states.ts';

export const REPORT_TEXT_MAX = 5000;
export const REPORT_PHOTOS_MAX = 10;

export const reportStatusSchema = z.enum(reportStatuses);
export const reportActionSchema = z.enum(reportActions);
export const answerResultSchema = z.enum(['solved', 'explained', 'planned', 'rejected']);
export type AnswerResult = z.infer<typeof answerResultSchema>;

const mediaIdsSchema = z.array(z.uuid()).max(REPORT_PHOTOS_MAX).default([]);

/**
 * A 59-ФЗ appeal needs an identified author: the full name, and where to send the answer (an e-mail
 * or a postal address, or both). Personal data: shown only to the author and the staff who handle it.
 */
export const appellantSchema = z.object({
  // Surname and first name at least (two words): one message for "too short" and "one word".
  fullName: z
    .string()
    .trim()
    .max(200)
    .regex(/^\S+(\s+\S+)+$/, 'vmeste:full_name'),
  email: z.email().max(254).optional(),
  postalAddress: z.string().trim().min(10).max(500).optional(),
});
export type Appellant = z.infer<typeof appellantSchema>;

/** The fields of a new report; `createReportBodySchema` adds the rules that tie them together. */
export const createReportFieldsSchema = z.object({
  categoryId: z.uuid(),
  text: z.string().trim().min(10).max(REPORT_TEXT_MAX),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  address: z.string().trim().max(300).optional(),
  mediaIds: mediaIdsSchema,
  isPublic: z.boolean().default(true),
  kind: z.enum(['report', 'appeal']).default('report'),
  appellant: appellantSchema.optional(),
  /** The city object the report is about (a road, a yard, a school: docs/objects.md). */
  objectId: z.uuid().optional(),
});

/** An appeal must say who appeals and where the answer goes; an ordinary report carries no such data. */
export function refineAppeal(
  v: { kind?: 'report' | 'appeal'; appellant?: Partial<Appellant> | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.kind === 'appeal') {
    if (!v.appellant)
      ctx.addIssue({ code: 'custom', path: ['appellant'], message: 'vmeste:appellant_required' });
    else if (!v.appellant.email && !v.appellant.postalAddress)
      ctx.addIssue({
        code: 'custom',
        path: ['appellant', 'email'],
        message: 'vmeste:answer_address_required',
      });
  } else if (v.appellant) {
    ctx.addIssue({ code: 'custom', path: ['appellant'], message: 'vmeste:appellant_only_for_appeals' });
  }
}

export const createReportBodySchema = createReportFieldsSchema.superRefine(refineAppeal);
export type CreateReportBody = z.input<typeof createReportBodySchema>;
export type CreateReportInput = z.output<typeof createReportBodySchema>;

/** `Idempotency-Key`: a client-chosen key (UUID recommended) so that retries create one report. */
export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9_\-:.]+$/)
    .optional(),
});

const bboxSchema = z.string().transform((s, ctx) => {
  const parts = s.split(',').map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (
    parts.length !== 4 ||
    parts.some((n) => !Number.isFinite(n)) ||
    minLon === undefined ||
    minLat === undefined ||
    maxLon === undefined ||
    maxLat === undefined ||
    minLon > maxLon ||
    minLat > maxLat
  ) {
    ctx.addIssue({ code: 'custom', message: 'vmeste:bbox' });
    return z.NEVER;
  }
  return { minLon, minLat, maxLon, maxLat };
});

export const reportQueues = ['moderation', 'curator', 'organisation', 'review', 'mine'] as const;
/**
 * Orders of a list: newest first (the default), the nearest deadline first (no deadline last),
 * the oldest first, the most supported first, the highest priority first (docs/staff-workspace.md).
 */
export const reportSorts = ['recent', 'due', 'age', 'supporters', 'priority'] as const;
export type ReportSort = (typeof reportSorts)[number];

export const listReportsQuerySchema = z.object({
  bbox: bboxSchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(reportStatusSchema))
    .optional(),
  category: z.uuid().optional(),
  territory: z.uuid().optional(),
  organisation: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Work lists: moderation, curator's queue, the operator's organisation, answer review, my reports. */
  queue: z.enum(reportQueues).optional(),
  sort: z.enum(reportSorts).default('recent'),
  /** Only reports whose answer deadline has passed while the organisation owes the answer (or only the others). */
  overdue: z.enum(['true', 'false']).optional(),
  /** Who took the report into work: a staff member's id, `me`, or `none` (nobody yet). Staff only. */
  assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  /**
   * Page numbers (where a person turns pages) reach 10,000 rows deep; deeper, follow `nextCursor`.
   * With `cursor` the page starts after the row it names and `page` is not used.
   */
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  /** The `nextCursor` of the previous page (keyset pagination: stable and fast at any depth). */
  cursor: z.string().min(1).max(200).optional(),
});
export type ListReportsQuery = z.output<typeof listReportsQuerySchema>;

export const reportParamsSchema = z.object({ id: z.uuid() });

const categoryRefSchema = z.object({ id: z.uuid(), code: z.string(), name: localisedNameSchema });
const orgRefSchema = z.object({ id: z.uuid(), name: localisedNameSchema });

export const answerSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  result: answerResultSchema,
  plannedDate: z.string().nullable(),
  legalReason: z.string().nullable(),
  status: z.enum(['draft', 'review', 'published', 'superseded']),
  reviewComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  photos: z.array(photoSchema),
});
export type Answer = z.infer<typeof answerSchema>;

export const reportSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  kind: z.enum(['report', 'appeal']),
  status: reportStatusSchema,
  category: categoryRefSchema,
  text: z.string(),
  lat: z.number(),
  lon: z.number(),
  address: z.string().nullable(),
  territory: orgRefSchema.nullable(),
  organisation: orgRefSchema.nullable(),
  isPublic: z.boolean(),
  dueAt: z.string().nullable(),
  /** The organisation still owes an answer and its deadline has passed (its clock stops in review). */
  overdue: z.boolean(),
  /** While the answer waits for review: the reviewer's own deadline, and whether it has passed. */
  reviewDueAt: z.string().nullable(),
  reviewOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  thumbUrl: z.string().nullable(),
  /** Work lists only (`queue` given): the figures a staff member plans the day by. */
  work: z
    .object({
      /** Working days until the deadline's day (0 on the day, negative once past); null without a running deadline. */
      workingDaysLeft: z.number().int().nullable(),
      /** While the report waits for moderation: by when (the category's moderation hours). */
      moderationDueAt: z.string().nullable(),
      moderationOverdue: z.boolean(),
      supportCount: z.number().int(),
      priority: z.number().int(),
    })
    .optional(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportDetailSchema = reportSummarySchema.extend({
  photos: z.array(photoSchema),
  /** The published answer for everyone; staff who handle it also see the draft under review. */
  answer: answerSchema.nullable(),
  rating: z
    .object({ score: z.number().int(), solved: z.boolean(), comment: z.string().nullable() })
    .nullable(),
  isMine: z.boolean(),
  /** Only for staff who need it (every such read is audited). */
  author: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** A 59-ФЗ appeal's appellant and answer address: for the author and the staff who handle it. */
  appellant: appellantSchema.nullable(),
  routing: z.record(z.string(), z.unknown()).nullable(),
  disputeUntil: z.string().nullable(),
  /** While the author is asked to clarify: when the report closes unless they answer. */
  clarifyUntil: z.string().nullable(),
  /** The one extension of the deadline, if made (its reason is on the public timeline). */
  deadlineExtension: z.object({ at: z.string(), days: z.number().int() }).nullable(),
  /** 59-ФЗ milestones of an appeal before its answer (registration in 3 days, redirect in 7). */
  appealDeadlines: z.object({ registrationDueAt: z.string(), redirectDueAt: z.string() }).nullable(),
  /** While the report waits for moderation: by when (the category's working hours). */
  moderationDueAt: z.string().nullable(),
  allowedActions: z.array(reportActionSchema),
  /** Likely non-answers flagged in the working answer: staff who handle it only, never the public. */
  answerQuality: answerQualitySchema.nullable(),
  // ---- duplicates: support count, where a merged report went, and (on creation) similar reports
  ...duplicateFieldsSchema.shape,
  /** Only in the answer to filing a report: open reports nearby that look like the same problem. */
  similar: z.array(similarReportSchema).optional(),
  /** The city object the report points at. */
  object: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Notices of works or outages that explain the report (linked when it was filed; docs/notices.md). */
  notices: z.array(z.object({ id: z.uuid(), title: z.string(), endsAt: z.string() })),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportListSchema = z.object({
  items: z.array(reportSummarySchema),
  /** The number of matches when `totalIsExact`; otherwise a lower bound ("more than 1,000"). */
  total: z.number().int(),
  /** False when the list has more matches than were counted: `total` is then "more than". */
  totalIsExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ReportList = z.infer<typeof reportListSchema>;

export const reportEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  fromStatus: reportStatusSchema.nullable(),
  toStatus: reportStatusSchema.nullable(),
  actorRole: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type ReportEvent = z.infer<typeof reportEventSchema>;
export const reportEventListSchema = z.object({ items: z.array(reportEventSchema) });

// ---- one body schema per action -------------------------------------------------------------
const reason = z.string().trim().min(5).max(2000);
const empty = z.object({}).strict();

export const actionBodySchemas = {
  accept: z.object({ comment: z.string().trim().max(2000).optional() }).strict(),
  reject: z.object({ reason }).strict(),
  'request-clarification': z.object({ question: reason }).strict(),
  clarify: z.object({ answer: z.string().trim().min(2).max(REPORT_TEXT_MAX) }).strict(),
  assign: z.object({ organisationId: z.uuid(), comment: z.string().trim().max(2000).optional() }).strict(),
  start: empty,
  'draft-answer': z
    .object({
      text: z.string().trim().min(20).max(REPORT_TEXT_MAX),
      result: answerResultSchema,
      plannedDate: isoDaySchema.optional(),
      legalReason: z.string().trim().min(5).max(1000).optional(),
      mediaIds: mediaIdsSchema,
    })
    .strict()
    .superRefine((b, ctx) => {
      if (b.result === 'planned' && !b.plannedDate)
        ctx.addIssue({ code: 'custom', path: ['plannedDate'], message: 'vmeste:planned_date_required' });
      if (b.result === 'rejected' && !b.legalReason)
        ctx.addIssue({ code: 'custom', path: ['legalReason'], message: 'vmeste:legal_reason_required' });
    }),
  'submit-answer': empty,
  'publish-answer': empty,
  'return-answer': z.object({ comment: reason }).strict(),
  rate: z
    .object({
      score: z.number().int().min(1).max(5),
      solved: z.boolean(),
      comment: z.string().trim().max(2000).optional(),
    })
    .strict(),
  dispute: z.object({ comment: reason, mediaIds: mediaIdsSchema }).strict(),
  reopen: z.object({ comment: z.string().trim().max(2000).optional() }).strict(),
  close: z.object({ reason }).strict(),
  recategorise: z.object({ categoryId: z.uuid(), comment: z.string().trim().max(2000).optional() }).strict(),
  // The reason is mandatory and public: the author sees why the report changed hands.
  redirect: z.object({ organisationId: z.uuid(), reason }).strict(),
  // Working days for reports, calendar days for appeals; at most 30 either way (59-ФЗ art. 12).
  'extend-deadline': z
    .object({
      days: z
        .number()
        .int()
        .min(1, 'vmeste:extension_days_range')
        .max(MAX_EXTENSION_DAYS, 'vmeste:extension_days_range'),
      reason,
    })
    .strict(),
  merge: mergeBodySchema,
  unmerge: unmergeBodySchema,
} as const;

export type ActionBodies = { [A in keyof typeof actionBodySchemas]: z.output<(typeof actionBodySchemas)[A]> };
