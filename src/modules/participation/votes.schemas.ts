import { z } from 'zod';
import { markdownText } from '../../lib/markdown.ts';
import { voteItemStatuses } from './kinds.schemas.ts';
import {
  audienceSchema,
  audienceViewSchema,
  participationStates,
  resultsVisibilitySchema,
  timeWindowSchema,
} from './participation.schemas.ts';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const position = z.tuple([lon, lat]);

/** A point or a line (a road section), GeoJSON in WGS 84: [lon, lat]. */
export const itemGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }).strict(),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2).max(500) }).strict(),
]);

export const voteBodySchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: markdownText(10_000).default(''),
    audience: audienceSchema.default({ territoryIds: [], verifiedOnly: false }),
    proposals: timeWindowSchema.describe('Stage one: residents propose items'),
    voting: timeWindowSchema.describe('Stage two: residents choose up to N approved items'),
    maxChoices: z.int().min(1).max(100).describe('N: the most items one resident may choose'),
    resultsVisibility: resultsVisibilitySchema.default('always'),
  })
  .strict()
  .refine((b) => Date.parse(b.voting.opensAt) >= Date.parse(b.proposals.closesAt), {
    message: 'vmeste:stages_order',
    path: ['voting', 'opensAt'],
  });
export type VoteBody = z.output<typeof voteBodySchema>;

export const itemBodySchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: markdownText(5000).default(''),
    geometry: itemGeometrySchema.nullable().default(null),
    photoIds: z.array(z.uuid()).max(10).default([]).describe('Photos uploaded through POST /api/v1/media'),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.photoIds.forEach((id, i) => {
      if (b.photoIds.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', message: 'vmeste:duplicate_choice', path: ['photoIds', i] });
    });
  });
export type ItemBody = z.output<typeof itemBodySchema>;

export const moderationBodySchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve') }).strict(),
    z.object({ decision: z.literal('reject'), reason: z.string().trim().min(3).max(1000) }).strict(),
    z.object({ decision: z.literal('merge'), mergeInto: z.uuid() }).strict(),
  ])
  .describe('approve; reject with a reason; merge into another item of the same vote');
export type ModerationBody = z.output<typeof moderationBodySchema>;

export const voteBallotBodySchema = z
  .object({ itemIds: z.array(z.uuid()).max(100) })
  .strict()
  .superRefine((b, ctx) => {
    b.itemIds.forEach((id, i) => {
      if (b.itemIds.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', message: 'vmeste:duplicate_choice', path: ['itemIds', i] });
    });
  });
export type VoteBallotBody = z.output<typeof voteBallotBodySchema>;

export const winnersBodySchema = z
  .object({
    itemIds: z.array(z.uuid()).min(1).max(100),
    decision: markdownText(10_000).refine((t) => t.trim().length >= 10, { message: 'vmeste:min_chars:10' }),
  })
  .strict();
export type WinnersBody = z.output<typeof winnersBodySchema>;

export const itemParamsSchema = z.object({ id: z.uuid(), itemId: z.uuid() });

export const voteItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  descriptionHtml: z.string(),
  geometry: itemGeometrySchema.nullable(),
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string() })),
  source: z.enum(['resident', 'staff']),
  status: z.enum(voteItemStatuses),
  /** Shown to the proposer and staff. */
  rejectReason: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  /** Whether the caller proposed it. */
  mine: z.boolean(),
});
export type VoteItem = z.infer<typeof voteItemSchema>;

export const voteStages = ['upcoming', 'proposals', 'review', 'voting', 'closed'] as const;
export const voteActions = ['propose', 'moderate', 'add_item', 'vote', 'results', 'publish_winners'] as const;

export const voteSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  descriptionHtml: z.string(),
  audience: audienceViewSchema,
  proposals: z.object({ opensAt: z.string(), closesAt: z.string() }),
  voting: z.object({ opensAt: z.string(), closesAt: z.string() }),
  maxChoices: z.int(),
  resultsVisibility: resultsVisibilitySchema,
  /** Which stage the vote is in now (between the stages: `review`). */
  stage: z.enum(voteStages),
  state: z.enum(participationStates),
  /** Approved items, and for staff or the proposer also pending and rejected ones. */
  items: z.array(voteItemSchema),
  myChoice: z.array(z.uuid()).nullable(),
  winners: z
    .object({ itemIds: z.array(z.uuid()), decisionHtml: z.string(), publishedAt: z.string() })
    .nullable(),
  allowedActions: z.array(z.enum(voteActions)),
});
export type Vote = z.infer<typeof voteSchema>;

export const voteSummarySchema = voteSchema.omit({ items: true, myChoice: true });
export type VoteSummary = z.infer<typeof voteSummarySchema>;
export const voteListSchema = z.object({ items: z.array(voteSummarySchema) });

export const voteResultsSchema = z.object({
  ballots: z.int(),
  items: z.array(z.object({ itemId: z.uuid(), title: z.string(), count: z.int(), rank: z.int() })),
});
export type VoteResults = z.infer<typeof voteResultsSchema>;
