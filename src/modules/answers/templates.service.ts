import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repo.ts';
import type { Actor } from '../identity/actor.ts';
import { findCategory, findOrganisation } from '../reference/reference.repo.ts';
import { roleAllows } from '../reports/report.policy.ts';
import { factsOf } from '../reports/report.presenter.ts';
import { loadVisibleReport } from '../reports/report-read.service.ts';
import type {
  CreateTemplateInput,
  ListTemplatesQuery,
  RenderedTemplateList,
  Template,
  UpdateTemplateInput,
} from './answers.schemas.ts';
import { formatRegionDate, renderTemplate, unknownPlaceholders } from './placeholders.ts';
import * as repo from './templates.repo.ts';

export type TemplatesDeps = { db: Db; clock: Clock };

const present = (t: repo.TemplateRow): Template => ({
  id: t.id,
  organisationId: t.organisationId,
  categoryId: t.categoryId,
  title: t.title,
  text: t.text,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

/**
 * Who keeps an organisation's templates: its operators, the curators whose territory it serves,
 * admins. Returns normally or throws: 403 forbidden for other roles, 403
 * template_organisation_forbidden for someone else's organisation.
 */
async function requireKeeper(exec: Executor, actor: Actor, organisationId: string): Promise<void> {
  if (actor.role === 'admin') return;
  const refuse = () => {
    throw new AppError('template_organisation_forbidden', [
      { path: 'organisationId', message: 'template_organisation_forbidden' },
    ]);
  };
  if (actor.role === 'operator') {
    if (actor.organisationId !== organisationId) refuse();
    return;
  }
  if (actor.role === 'curator' && actor.territoryId) {
    if (!(await repo.organisationsInTerritory(exec, actor.territoryId)).includes(organisationId)) refuse();
    return;
  }
  throw new AppError('forbidden');
}

function requireKeeperRole(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'operator' && actor.role !== 'curator')
    throw new AppError('forbidden');
}

/** Every problem with the category and the text together; the error's code is the first one's. */
async function refuseInvalidContent(
  exec: Executor,
  content: { categoryId?: string | null | undefined; text?: string | undefined },
): Promise<void> {
  const problems: { code: ErrorCode; detail: ErrorDetail }[] = [];
  if (content.categoryId) {
    const category = await findCategory(exec, content.categoryId);
    if (!category?.isActive)
      problems.push({
        code: 'unknown_category',
        detail: { path: 'categoryId', message: 'unknown_category' },
      });
  }
  for (const placeholder of unknownPlaceholders(content.text ?? ''))
    problems.push({
      code: 'template_unknown_placeholder',
      // The offending placeholder goes in `code`, so the form can point at it in any language.
      detail: { path: 'text', message: 'template_unknown_placeholder', code: placeholder },
    });
  if (problems.length > 0)
    throw new AppError(
      problems[0]!.code,
      problems.map((p) => p.detail),
    );
}

async function audit(exec: Executor, actor: Actor, action: string, t: repo.TemplateRow, at: Date) {
  await writeAudit(exec, {
    actor,
    action: `answer_template.${action}`,
    entityType: 'answer_template',
    entityId: t.id,
    at,
    details: { organisationId: t.organisationId, categoryId: t.categoryId },
  });
}

export async function createTemplate(deps: TemplatesDeps, actor: Actor, body: CreateTemplateInput) {
  requireKeeperRole(actor);
  const org = await findOrganisation(deps.db, body.organisationId);
  if (!org?.isActive)
    throw new AppError('unknown_organisation', [{ path: 'organisationId', message: 'unknown_organisation' }]);
  await requireKeeper(deps.db, actor, org.id);
  await refuseInvalidContent(deps.db, body);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const created = await repo.insertTemplate(tx, {
      organisationId: org.id,
      categoryId: body.categoryId,
      title: body.title,
      text: body.text,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'create', created, now);
    return present(created);
  });
}

/** A template of someone else's organisation is refused as such (template ids are not secret). */
async function loadKept(exec: Executor, actor: Actor, id: string): Promise<repo.TemplateRow> {
  requireKeeperRole(actor);
  const found = await repo.findTemplate(exec, id);
  if (!found) throw new AppError('template_not_found');
  await requireKeeper(exec, actor, found.organisationId);
  return found;
}

export async function updateTemplate(
  deps: TemplatesDeps,
  actor: Actor,
  id: string,
  body: UpdateTemplateInput,
): Promise<Template> {
  await loadKept(deps.db, actor, id);
  await refuseInvalidContent(deps.db, body);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const updated = await repo.updateTemplate(tx, id, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.text !== undefined ? { text: body.text } : {}),
      ...(body.categoryId !== undefined ? { categoryId: body.categoryId } : {}),
      updatedAt: now,
    });
    await audit(tx, actor, 'update', updated, now);
    return present(updated);
  });
}

export async function deleteTemplate(deps: TemplatesDeps, actor: Actor, id: string): Promise<void> {
  const found = await loadKept(deps.db, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.deleteTemplate(tx, id);
    await audit(tx, actor, 'delete', found, now);
  });
}

export async function listTemplates(
  deps: TemplatesDeps,
  actor: Actor,
  q: ListTemplatesQuery,
): Promise<Template[]> {
  requireKeeperRole(actor);
  let organisationIds: string[] | undefined;
  if (q.organisationId) {
    await requireKeeper(deps.db, actor, q.organisationId);
    organisationIds = [q.organisationId];
  } else if (actor.role === 'operator') organisationIds = actor.organisationId ? [actor.organisationId] : [];
  else if (actor.role === 'curator')
    organisationIds = actor.territoryId
      ? await repo.organisationsInTerritory(deps.db, actor.territoryId)
      : [];
  const rows = await repo.listTemplates(deps.db, {
    ...(organisationIds ? { organisationIds } : {}),
    ...(q.categoryId ? { categoryId: q.categoryId } : {}),
  });
  return rows.map(present);
}

/**
 * The organisation's templates that fit the report, filled in for it. Only for whoever may draft
 * the report's answer (its organisation's operators, admins).
 */
export async function templatesForReport(
  deps: TemplatesDeps,
  actor: Actor,
  reportId: string,
): Promise<RenderedTemplateList> {
  const row = await loadVisibleReport(deps.db, actor, reportId);
  if (!roleAllows('draft-answer', factsOf(row), actor) || !row.organisationId)
    throw new AppError('forbidden');
  const category = await findCategory(deps.db, row.categoryId);
  const templates = await repo.templatesForReport(
    deps.db,
    row.organisationId,
    row.categoryId,
    category?.parentId ?? null,
  );
  const values = {
    number: String(row.number),
    address: row.address ?? row.territoryNameRu ?? '',
    category: row.categoryNameRu,
    organisation: row.organisationNameRu ?? '',
    due_date: row.dueAt ? formatRegionDate(row.dueAt) : '',
    today: formatRegionDate(deps.clock.now()),
  };
  return {
    items: templates.map((t) => ({
      id: t.id,
      title: t.title,
      categoryId: t.categoryId,
      text: renderTemplate(t.text, values),
    })),
  };
}
