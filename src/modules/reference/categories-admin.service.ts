import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './categories-admin.repo.ts';
import type { AdminCategory, CreateCategory, UpdateCategory } from './categories-admin.schemas.ts';
import { forgetCategoryRules } from './category-rules.ts';
import { forgetExpansions } from './expansions.ts';

export type ReferenceAdminDeps = { db: Db; clock: Clock };

/** Reference data is edited by admins (PRODUCT.md §2 H). */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

function refuse(problems: { code: ErrorCode; path: string }[]): void {
  if (problems.length === 0) return;
  const details: ErrorDetail[] = problems.map((p) => ({ path: p.path, message: p.code, code: p.code }));
  throw new AppError(problems[0]!.code, details);
}

function present(c: repo.AdminCategoryRow): AdminCategory {
  return {
    id: c.id,
    parentId: c.parentId,
    code: c.code,
    name: { ru: c.nameRu, en: c.nameEn },
    slaDays: c.slaDays,
    moderationHours: c.moderationHours,
    photoRequired: c.photoRequired,
    sortOrder: c.sortOrder,
    isActive: c.isActive,
    reportCount: c.reportCount,
  };
}

/** The audited picture of a category: its editable fields as stored. */
const auditFields = (c: repo.CategoryRow) => ({
  parentId: c.parentId,
  code: c.code,
  nameRu: c.nameRu,
  nameEn: c.nameEn,
  slaDays: c.slaDays,
  moderationHours: c.moderationHours,
  photoRequired: c.photoRequired,
  sortOrder: c.sortOrder,
  isActive: c.isActive,
});

export async function listCategories(
  deps: ReferenceAdminDeps,
  actor: Actor,
): Promise<{ items: AdminCategory[] }> {
  assertAdmin(actor);
  return { items: (await repo.listAllCategories(deps.db)).map(present) };
}

async function getCategory(deps: ReferenceAdminDeps, id: string): Promise<AdminCategory> {
  const found = (await repo.listAllCategories(deps.db)).find((c) => c.id === id);
  if (!found) throw new AppError('unknown_category');
  return present(found);
}

/**
 * A topic (no parent, no SLA) or a subject under an active topic (with its SLA). Every problem is
 * listed; nothing is stored unless all is well.
 */
export async function createCategory(
  deps: ReferenceAdminDeps,
  actor: Actor,
  input: CreateCategory,
): Promise<AdminCategory> {
  assertAdmin(actor);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const problems: { code: ErrorCode; path: string }[] = [];
    if (await repo.codeTaken(tx, input.code)) problems.push({ code: 'category_code_taken', path: 'code' });
    if (input.parentId) {
      const parent = await repo.findCategoryForUpdate(tx, input.parentId);
      if (!parent) problems.push({ code: 'unknown_category', path: 'parentId' });
      else if (parent.parentId !== null) problems.push({ code: 'category_too_deep', path: 'parentId' });
      else if (!parent.isActive) problems.push({ code: 'category_archived', path: 'parentId' });
      if (input.slaDays === null) problems.push({ code: 'category_sla_required', path: 'slaDays' });
    } else if (input.slaDays !== null) problems.push({ code: 'topic_has_no_sla', path: 'slaDays' });
    refuse(problems);
    const created = await repo.insertCategory(tx, { ...input, isActive: true });
    const row = await repo.findCategoryForUpdate(tx, created);
    await writeAudit(tx, {
      actor,
      action: 'category.create',
      entityType: 'category',
      entityId: created,
      at: now,
      details: { before: null, after: auditFields(row!) },
    });
    return created;
  });
  forgetExpansions(deps.db);
  forgetCategoryRules(deps.db);
  return getCategory(deps, id);
}

/** Edits names, SLA, moderation hours, the photo requirement, the order; archives and restores. */
export async function updateCategory(
  deps: ReferenceAdminDeps,
  actor: Actor,
  id: string,
  input: UpdateCategory,
): Promise<AdminCategory> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findCategoryForUpdate(tx, id);
    if (!row) throw new AppError('unknown_category');
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const after = { ...row, ...changes } as repo.CategoryRow;
    const problems: { code: ErrorCode; path: string }[] = [];
    if (row.parentId === null && after.slaDays !== null)
      problems.push({ code: 'topic_has_no_sla', path: 'slaDays' });
    if (row.parentId !== null && after.slaDays === null)
      problems.push({ code: 'category_sla_required', path: 'slaDays' });
    if (row.parentId !== null && after.isActive && !row.isActive) {
      const parent = await repo.findCategoryForUpdate(tx, row.parentId);
      if (parent && !parent.isActive) problems.push({ code: 'category_archived', path: 'isActive' });
    }
    refuse(problems);
    await repo.updateCategory(tx, id, changes);
    // Archiving a topic archives its subjects: residents could not reach them anyway.
    if (row.parentId === null && input.isActive === false)
      for (const c of await repo.listAllCategories(tx))
        if (c.parentId === id && c.isActive) await repo.updateCategory(tx, c.id, { isActive: false });
    await writeAudit(tx, {
      actor,
      action: input.isActive === false ? 'category.archive' : 'category.update',
      entityType: 'category',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: auditFields(after) },
    });
  });
  forgetExpansions(deps.db);
  forgetCategoryRules(deps.db);
  return getCategory(deps, id);
}

/**
 * Only a category nothing refers to is deleted (one created by mistake); one with reports or
 * subjects is refused, with archiving offered instead (`isActive: false`).
 */
export async function deleteCategory(deps: ReferenceAdminDeps, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findCategoryForUpdate(tx, id);
    if (!row) throw new AppError('unknown_category');
    const refs = await repo.categoryReferences(tx, id);
    const problems: { code: ErrorCode; path: string }[] = [];
    if (refs.reports > 0) problems.push({ code: 'category_in_use', path: 'isActive' });
    if (refs.subjects > 0) problems.push({ code: 'category_has_subjects', path: 'isActive' });
    refuse(problems);
    await repo.deleteCategory(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'category.delete',
      entityType: 'category',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: null },
    });
  });
  forgetExpansions(deps.db);
  forgetCategoryRules(deps.db);
}
