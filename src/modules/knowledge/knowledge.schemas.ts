import { z } from 'zod';
import { markdownText } from '../../lib/markdown.ts';

/*
 * Requests and responses of the knowledge base. The web app imports these (the editor's form, the
 * suggestions beside the report form), so a field is described once.
 */

/** Article states and languages: shared by the table, these schemas and the web app. */
export const articleStatuses = ['draft', 'published'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleLocales = ['ru', 'en'] as const;
export type ArticleLocale = (typeof articleLocales)[number];

export const ARTICLE_BODY_MAX = 20_000;
export const SEARCH_LIMIT_MAX = 20;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'vmeste:date');

export const articleInputSchema = z
  .object({
    locale: z.enum(articleLocales).default('ru').describe('The language the article is written in'),
    title: z.string().trim().min(3).max(200),
    body: markdownText(ARTICLE_BODY_MAX)
      .refine((v) => v.trim().length >= 10, 'vmeste:article_body_short')
      .describe('Markdown: no raw HTML, links http(s), mailto or on-site only'),
    status: z.enum(articleStatuses).default('draft'),
    categoryIds: z.array(z.uuid()).max(20).default([]),
    territoryIds: z
      .array(z.uuid())
      .max(50)
      .default([])
      .describe('Where the article applies; empty means the whole region'),
    lastReviewedOn: isoDate.nullable().default(null),
    reviewBy: isoDate.nullable().default(null).describe('The editor is reminded on this date'),
    translationOf: z.uuid().nullable().default(null).describe('The article this one translates'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.lastReviewedOn && v.reviewBy && v.reviewBy < v.lastReviewedOn)
      ctx.addIssue({ code: 'custom', path: ['reviewBy'], message: 'vmeste:review_before_reviewed' });
  });
export type ArticleInput = z.infer<typeof articleInputSchema>;

export const articleUpdateSchema = z
  .object({
    expectedVersion: z.number().int().min(1).describe('The version the editor started from'),
    article: articleInputSchema,
  })
  .strict();

export const articleParamsSchema = z.object({ id: z.uuid() });

const idName = z.object({ id: z.uuid(), name: z.object({ ru: z.string(), en: z.string() }) });

export const articleSchema = z.object({
  id: z.uuid(),
  locale: z.enum(articleLocales),
  translationOf: z.uuid().nullable(),
  translations: z.array(z.object({ id: z.uuid(), locale: z.enum(articleLocales), title: z.string() })),
  title: z.string(),
  body: z.string().describe('Markdown as written'),
  bodyHtml: z.string().describe('Safe HTML of the body'),
  status: z.enum(articleStatuses),
  categories: z.array(idName),
  territories: z.array(idName),
  lastReviewedOn: z.string().nullable(),
  reviewBy: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleListQuerySchema = z.object({
  status: z.enum(articleStatuses).optional().describe('Staff only; the public sees published articles'),
  category: z.uuid().optional(),
  locale: z.enum(articleLocales).optional().describe('Only articles written in this language'),
  language: z
    .enum(articleLocales)
    .optional()
    .describe(
      "The reader's language: each article once, in this language where it has a version in it, else as written",
    ),
  reviewDue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Staff: only articles whose review date has come'),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export const articleSummarySchema = z.object({
  id: z.uuid(),
  locale: z.enum(articleLocales),
  title: z.string(),
  status: z.enum(articleStatuses),
  reviewBy: z.string().nullable(),
  lastReviewedOn: z.string().nullable(),
  updatedAt: z.string(),
  categoryIds: z.array(z.uuid()),
});
export const articleListSchema = z.object({ items: z.array(articleSummarySchema) });

export const articleVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  status: z.enum(articleStatuses),
  categoryIds: z.array(z.uuid()),
  territoryIds: z.array(z.uuid()),
  lastReviewedOn: z.string().nullable(),
  reviewBy: z.string().nullable(),
  editedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  editedAt: z.string(),
});
export const articleVersionListSchema = z.object({ items: z.array(articleVersionSchema) });

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(300),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(5),
  locale: z.enum(articleLocales).optional().describe('Only articles in this language'),
  category: z.uuid().optional().describe('Articles of this category (or without categories) only'),
  territory: z.uuid().optional().describe('Articles for this territory or the whole region only'),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      snippet: z
        .string()
        .describe('HTML-escaped text of the body where the matched words are wrapped in <mark>'),
      score: z.number().describe('Relevance; higher is better, comparable within one answer only'),
    }),
  ),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const feedbackBodySchema = z
  .object({
    helpful: z.boolean().describe('"This answered my question" (true) or "no" (false)'),
    source: z.enum(['report_form', 'article']).default('article'),
  })
  .strict();

export const statsSchema = z.object({
  articles: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      deflected: z.number().int().describe('"Answered my question" from the report form: reports not filed'),
      helpful: z.number().int(),
      notHelpful: z.number().int(),
    }),
  ),
  missedSearches: z.array(z.object({ query: z.string(), count: z.number().int(), lastAt: z.string() })),
  reviewDue: z.array(z.object({ id: z.uuid(), title: z.string(), reviewBy: z.string() })),
});

export const reminderListSchema = z.object({
  items: z.array(
    z.object({ articleId: z.uuid(), title: z.string(), reviewBy: z.string(), createdAt: z.string() }),
  ),
});
