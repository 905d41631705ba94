import type { z } from 'zod';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';
import { localDateOf } from '../../lib/working-days.ts';
import { writeAudit } from '../audit/index.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import { plainTextOf, presentArticle, termsOf } from './knowledge.presenter.ts';
import * as repo from './knowledge.repo.ts';
import type { ArticleInput, ArticleListQuery, feedbackBodySchema } from './knowledge.schemas.ts';

export type KnowledgeDeps = { db: Db; clock: Clock };

/** Staff who write for residents edit the knowledge base; analysts only read its figures. */
export function canEditArticles(actor: Actor | null): actor is Actor {
  return isStaff(actor) && actor.role !== 'analyst';
}

function requireEditor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!canEditArticles(actor)) throw new AppError('forbidden');
  return actor;
}

/** The local (Moscow) date of an instant as YYYY-MM-DD. */
export function localDay(now: Date): string {
  return localDateOf(now).toISOString().slice(0, 10);
}

async function refuseUnknownReferences(exec: Executor, input: ArticleInput, selfId?: string): Promise<void> {
  const articleIds = input.translationOf ? [input.translationOf] : [];
  const missing = await repo.missingReferences(exec, {
    categoryIds: input.categoryIds,
    territoryIds: input.territoryIds,
    articleIds,
  });
  const details: ErrorDetail[] = [
    ...missing.categories.map((id) => ({
      path: `categoryIds.${input.categoryIds.indexOf(id)}`,
      message: 'vmeste:unknown_category_ref',
    })),
    ...missing.territories.map((id) => ({
      path: `territoryIds.${input.territoryIds.indexOf(id)}`,
      message: 'vmeste:unknown_territory_ref',
    })),
    ...missing.articles.map(() => ({ path: 'translationOf', message: 'vmeste:unknown_article_ref' })),
  ];
  if (selfId && input.translationOf === selfId)
    details.push({ path: 'translationOf', message: 'vmeste:unknown_article_ref' });
  if (details.length > 0) throw new AppError('article_references_invalid', details);
}

function fieldsOf(input: ArticleInput): repo.ArticleFields {
  return {
    locale: input.locale,
    translationOf: input.translationOf,
    title: input.title,
    body: input.body,
    bodyPlain: plainTextOf(input.body),
    status: input.status,
    lastReviewedOn: input.lastReviewedOn,
    reviewBy: input.reviewBy,
  };
}

async function saveSideEffects(exec: Executor, id: string, fields: repo.ArticleFields, input: ArticleInput) {
  await repo.replaceLinks(exec, id, [...new Set(input.categoryIds)], [...new Set(input.territoryIds)]);
  await repo.recordVersion(exec, id);
  if (fields.status === 'published') await repo.addTerms(exec, termsOf(fields.title, fields.bodyPlain));
}

/**
 * Writes an article as given, without an actor's check: only for the demo seed and the benchmark,
 * which load articles straight into a fresh database.
 */
export async function seedArticle(exec: Executor, input: ArticleInput, editorId: string | null, now: Date) {
  const fields = fieldsOf(input);
  const id = await repo.insertArticle(exec, fields, editorId, now);
  await saveSideEffects(exec, id, fields, input);
  return id;
}

/** Loads many published articles at once (the search benchmark), teaching the typo corrector their words. */
export async function seedPublishedArticles(
  exec: Executor,
  articles: readonly { locale: 'ru' | 'en'; title: string; body: string }[],
  now: Date,
): Promise<void> {
  const rows = articles.map((a) => ({ ...a, bodyPlain: plainTextOf(a.body) }));
  await repo.insertPublishedArticles(exec, rows, now);
  await repo.addTerms(exec, [...new Set(rows.flatMap((r) => termsOf(r.title, r.bodyPlain)))]);
}

export async function createArticle(deps: KnowledgeDeps, actor: Actor | null, input: ArticleInput) {
  const editor = requireEditor(actor);
  await refuseUnknownReferences(deps.db, input);
  const now = deps.clock.now();
  const fields = fieldsOf(input);
  const id = await deps.db.transaction(async (tx) => {
    const created = await repo.insertArticle(tx, fields, editor.id, now);
    await saveSideEffects(tx, created, fields, input);
    await writeAudit(tx, {
      actor: editor,
      action: 'knowledge_article_create',
      entityType: 'knowledge_article',
      entityId: created,
      details: { status: fields.status, version: 1 },
      at: now,
    });
    return created;
  });
  return readArticle(deps.db, editor, id);
}

export async function updateArticle(
  deps: KnowledgeDeps,
  actor: Actor | null,
  id: string,
  expectedVersion: number,
  input: ArticleInput,
) {
  const editor = requireEditor(actor);
  if (!(await repo.findArticle(deps.db, id))) throw new AppError('article_not_found');
  await refuseUnknownReferences(deps.db, input, id);
  const now = deps.clock.now();
  const fields = fieldsOf(input);
  await deps.db.transaction(async (tx) => {
    if (!(await repo.updateArticle(tx, id, expectedVersion, fields, editor.id, now)))
      throw new AppError('article_version_conflict');
    await saveSideEffects(tx, id, fields, input);
    await writeAudit(tx, {
      actor: editor,
      action: 'knowledge_article_update',
      entityType: 'knowledge_article',
      entityId: id,
      details: { status: fields.status, version: expectedVersion + 1 },
      at: now,
    });
  });
  return readArticle(deps.db, editor, id);
}

/** A published article for anyone; a draft for staff only (to others it does not exist). */
export async function readArticle(db: Executor, actor: Actor | null, id: string) {
  const row = await repo.findArticle(db, id);
  const staff = isStaff(actor);
  if (!row || (row.status !== 'published' && !staff)) throw new AppError('article_not_found');
  const [links, translations] = await Promise.all([
    repo.articleLinks(db, id),
    repo.translationsOf(db, row, staff),
  ]);
  return presentArticle(row, links, translations);
}

export async function listArticles(deps: KnowledgeDeps, actor: Actor | null, q: ArticleListQuery) {
  const staff = isStaff(actor);
  const rows = await repo.listArticles(deps.db, {
    status: staff ? q.status : 'published',
    category: q.category,
    locale: q.locale,
    language: q.language,
    reviewDueOn: staff && q.reviewDue ? localDay(deps.clock.now()) : undefined,
  });
  return {
    items: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })),
  };
}

export async function listVersions(deps: KnowledgeDeps, actor: Actor | null, id: string) {
  if (!actor) throw new AppError('unauthenticated');
  if (!isStaff(actor)) throw new AppError('forbidden');
  if (!(await repo.findArticle(deps.db, id))) throw new AppError('article_not_found');
  const rows = await repo.listVersions(deps.db, id);
  return {
    items: rows.map((v) => ({
      version: v.version,
      title: v.title,
      body: v.body,
      status: v.status,
      categoryIds: v.categoryIds,
      territoryIds: v.territoryIds,
      lastReviewedOn: v.lastReviewedOn,
      reviewBy: v.reviewBy,
      editedBy: v.editorId ? { id: v.editorId, name: v.editorName ?? '' } : null,
      editedAt: new Date(v.editedAt).toISOString(),
    })),
  };
}

export async function recordFeedback(
  deps: KnowledgeDeps,
  actor: Actor | null,
  id: string,
  body: z.infer<typeof feedbackBodySchema>,
): Promise<void> {
  const row = await repo.findArticle(deps.db, id);
  if (row?.status !== 'published') throw new AppError('article_not_found');
  await repo.insertFeedback(deps.db, {
    articleId: id,
    helpful: body.helpful,
    source: body.source,
    userId: actor?.id ?? null,
    now: deps.clock.now(),
  });
}

const STATS_WINDOW_MS = 365 * 24 * 60 * 60 * 1000;

/** What deflects reports, what residents looked for in vain, what waits for review. */
export async function knowledgeStats(deps: KnowledgeDeps, actor: Actor | null) {
  if (!actor) throw new AppError('unauthenticated');
  if (!isStaff(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  const [articles, missed, due] = await Promise.all([
    repo.feedbackStats(deps.db, new Date(now.getTime() - STATS_WINDOW_MS)),
    repo.missedSearches(deps.db),
    repo.reviewDue(deps.db, localDay(now)),
  ]);
  return {
    articles,
    missedSearches: missed.map((m) => ({ ...m, lastAt: new Date(m.lastAt).toISOString() })),
    reviewDue: due,
  };
}

/** The review reminders the signed-in editor has had. */
export async function myReminders(deps: KnowledgeDeps, actor: Actor | null) {
  const editor = requireEditor(actor);
  const rows = await repo.remindersOf(deps.db, editor.id);
  return { items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) };
}
