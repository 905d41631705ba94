import { z } from 'zod';
import { markdownText } from '../../lib/markdown.ts';
import { isoMomentSchema } from '../calendar/calendar.schemas.ts';
import { questionKinds, resultsVisibilities } from './kinds.schemas.ts';

/** Shared by polls and votes: who may take part, and when the results are public. */

export const audienceSchema = z
  .object({
    /** Districts (or the region); empty means the whole region. */
    territoryIds: z.array(z.uuid()).max(100).default([]),
    /** Only residents whose address a provider (ESIA) verified. */
    verifiedOnly: z.boolean().default(false),
  })
  .strict()
  .describe('Who may take part');
export type Audience = z.output<typeof audienceSchema>;

export const resultsVisibilitySchema = z
  .enum(resultsVisibilities)
  .describe('When residents see the results: always, after closing, or never (staff only)');

export const timeWindowSchema = z
  .object({ opensAt: isoMomentSchema, closesAt: isoMomentSchema })
  .strict()
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), {
    message: 'vmeste:window_order',
    path: ['closesAt'],
  });

export const idParamsSchema = z.object({ id: z.uuid() });
export const participationStates = ['draft', 'upcoming', 'open', 'closed'] as const;
export type ParticipationState = (typeof participationStates)[number];

export const listQuerySchema = z.object({
  /** Only what is open to residents of this district (region-wide ones included). */
  territoryId: z.uuid().optional(),
  state: z.enum(participationStates).optional(),
});
export type ListQuery = z.output<typeof listQuerySchema>;

export const audienceViewSchema = z.object({ territoryIds: z.array(z.uuid()), verifiedOnly: z.boolean() });

// ---- questions -------------------------------------------------------------------------------------

export const QUESTION_TEXT_MAX = 500;
export const TEXT_ANSWER_MAX = 5000;

const questionInputSchema = z
  .object({
    kind: z.enum(questionKinds),
    text: z.string().trim().min(1).max(QUESTION_TEXT_MAX),
    required: z.boolean().default(false),
    options: z
      .array(z.object({ text: z.string().trim().min(1).max(300) }).strict())
      .max(50)
      .optional(),
    /** `multiple`: the most options one may choose (default: all). */
    maxChoices: z.int().min(1).max(50).optional(),
    /** `scale`: the bounds, e.g. 1–5 or 0–10. */
    scale: z
      .object({ min: z.int().min(-100).max(100), max: z.int().min(-100).max(100) })
      .strict()
      .optional(),
    /** Show only when the earlier single/multiple question `question` (a zero-based index) has one of `options`. */
    showIf: z
      .object({ question: z.int().min(0), options: z.array(z.int().min(0)).min(1).max(50) })
      .strict()
      .optional(),
  })
  .strict();
export type QuestionInput = z.output<typeof questionInputSchema>;

const choiceKinds = new Set(['single', 'multiple', 'ranking']);

/** Every problem of the questions at once: options per kind, scale bounds, conditions pointing back. */
function checkQuestions(questions: QuestionInput[], ctx: z.RefinementCtx): void {
  questions.forEach((q, i) => {
    const at = (...path: (string | number)[]) => ['questions', i, ...path];
    const options = q.options ?? [];
    if (choiceKinds.has(q.kind) && options.length < 2)
      ctx.addIssue({ code: 'custom', message: 'vmeste:options_needed', path: at('options') });
    if (!choiceKinds.has(q.kind) && options.length > 0)
      ctx.addIssue({ code: 'custom', message: 'vmeste:options_not_allowed', path: at('options') });
    if (q.maxChoices !== undefined && (q.kind !== 'multiple' || q.maxChoices > options.length))
      ctx.addIssue({ code: 'custom', message: 'vmeste:max_choices_range', path: at('maxChoices') });
    if (q.kind === 'scale' && !q.scale)
      ctx.addIssue({ code: 'custom', message: 'vmeste:scale_needed', path: at('scale') });
    if (q.scale && q.scale.max <= q.scale.min)
      ctx.addIssue({ code: 'custom', message: 'vmeste:scale_order', path: at('scale', 'max') });
    if (!q.showIf) return;
    const target = questions[q.showIf.question];
    if (q.showIf.question >= i || !target) {
      ctx.addIssue({ code: 'custom', message: 'vmeste:show_if_forward', path: at('showIf', 'question') });
      return;
    }
    if (target.kind !== 'single' && target.kind !== 'multiple')
      ctx.addIssue({ code: 'custom', message: 'vmeste:show_if_kind', path: at('showIf', 'question') });
    q.showIf.options.forEach((o, j) => {
      if (o >= (target.options ?? []).length)
        ctx.addIssue({ code: 'custom', message: 'vmeste:show_if_option', path: at('showIf', 'options', j) });
    });
  });
}

export const pollBodySchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: markdownText(10_000).default(''),
    imageId: z.uuid().nullable().default(null).describe('An uploaded image (POST /api/v1/media)'),
    audience: audienceSchema.default({ territoryIds: [], verifiedOnly: false }),
    opensAt: isoMomentSchema,
    closesAt: isoMomentSchema,
    ballotChangeable: z.boolean().default(true).describe('Whether a ballot may be changed until closing'),
    resultsVisibility: resultsVisibilitySchema.default('after_close'),
    questions: z.array(questionInputSchema).min(1).max(100),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (Date.parse(body.closesAt) <= Date.parse(body.opensAt))
      ctx.addIssue({ code: 'custom', message: 'vmeste:window_order', path: ['closesAt'] });
    checkQuestions(body.questions, ctx);
  });
export type PollBody = z.output<typeof pollBodySchema>;
export type PollBodyInput = z.input<typeof pollBodySchema>;

export const questionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(questionKinds),
  text: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ id: z.uuid(), text: z.string() })),
  maxChoices: z.int().nullable(),
  scale: z.object({ min: z.int(), max: z.int() }).nullable(),
  showIf: z.object({ questionId: z.uuid(), optionIds: z.array(z.uuid()) }).nullable(),
});
export type Question = z.infer<typeof questionSchema>;

// ---- ballots ---------------------------------------------------------------------------------------

export const answerSchema = z
  .object({
    questionId: z.uuid(),
    optionIds: z.array(z.uuid()).max(50).optional(),
    value: z.number().optional(),
    ranking: z.array(z.uuid()).max(50).optional(),
    text: z.string().max(TEXT_ANSWER_MAX).optional(),
  })
  .strict();
export type Answer = z.output<typeof answerSchema>;

export const pollBallotBodySchema = z.object({ answers: z.array(answerSchema).max(100) }).strict();
export type PollBallotBody = z.output<typeof pollBallotBodySchema>;

export const myBallotSchema = z.object({ answers: z.array(answerSchema), updatedAt: z.string() });

export const pollActions = ['edit', 'publish', 'vote', 'results', 'export'] as const;

export const pollSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  descriptionHtml: z.string().describe('The description rendered as safe HTML'),
  imageId: z.uuid().nullable(),
  imageUrl: z.string().nullable(),
  audience: audienceViewSchema,
  opensAt: z.string(),
  closesAt: z.string(),
  ballotChangeable: z.boolean(),
  resultsVisibility: resultsVisibilitySchema,
  status: z.enum(['draft', 'published']),
  state: z.enum(participationStates),
  questions: z.array(questionSchema),
  /** The caller's own ballot (signed-in residents). */
  myBallot: myBallotSchema.nullable(),
  allowedActions: z.array(z.enum(pollActions)),
});
export type Poll = z.infer<typeof pollSchema>;

export const pollSummarySchema = pollSchema.omit({ questions: true, myBallot: true, description: true });
export type PollSummary = z.infer<typeof pollSummarySchema>;
export const pollListSchema = z.object({ items: z.array(pollSummarySchema) });

// ---- results ---------------------------------------------------------------------------------------

export const pollResultsSchema = z.object({
  ballots: z.int(),
  questions: z.array(
    z.object({
      questionId: z.uuid(),
      kind: z.enum(questionKinds),
      /** How many ballots answered this question. */
      answered: z.int(),
      options: z
        .array(
          z.object({
            optionId: z.uuid(),
            count: z.int(),
            /** count / answered, 0..1. */
            share: z.number(),
            /** `ranking`: Borda points (n−1 for first place … 0 for last). */
            points: z.int().optional(),
          }),
        )
        .optional(),
      mean: z.number().nullable().optional(),
      distribution: z.array(z.object({ value: z.int(), count: z.int() })).optional(),
      /** `text`: the answers, for staff only. */
      texts: z.array(z.string()).optional(),
    }),
  ),
});
export type PollResults = z.infer<typeof pollResultsSchema>;
