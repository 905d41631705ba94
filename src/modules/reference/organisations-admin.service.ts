import type { Executor } from '../../db/connection.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { DirectoryKind } from '../directory/directory.schemas.ts';
import type { Actor } from '../identity/index.ts';
import { assertAdmin, type ReferenceAdminDeps } from './categories-admin.service.ts';
import * as repo from './organisations-admin.repo.ts';
import type {
  AdminOrganisation,
  CreateOrganisation,
  UpdateOrganisation,
} from './organisations-admin.schemas.ts';

type Hours = CreateOrganisation['hours'];

/**
 * The directory's part of an organisation (its kind as residents know it and its weekly hours), with
 * the directory's own validation. Wired by the server (src/server/app.ts) so that reference, which
 * the directory reads, does not depend on the directory.
 */
export type OrganisationProfileHooks = {
  hoursProblems(hours: Hours): ErrorDetail[];
  load(exec: Executor, id: string): Promise<{ kind: DirectoryKind | null; hours: Hours }>;
  save(exec: Executor, id: string, p: { kind: DirectoryKind; hours: Hours }, now: Date): Promise<void>;
};

export type OrganisationsAdminDeps = ReferenceAdminDeps & { profiles: OrganisationProfileHooks };

type Problem = { code: ErrorCode; detail: ErrorDetail };
const problemAt = (code: ErrorCode, path: string): Problem => ({
  code,
  detail: { path, code, message: code },
});

function refuse(problems: Problem[]): void {
  if (problems.length > 0)
    throw new AppError(
      problems[0]!.code,
      problems.map((p) => p.detail),
    );
}

/** Routing knows a municipal body as an authority; the directory keeps the finer kind. */
const referenceKind = (kind: DirectoryKind): repo.AdminOrganisationRow['kind'] =>
  kind === 'municipal' ? 'authority' : kind;

async function present(
  deps: OrganisationsAdminDeps,
  exec: Executor,
  o: repo.AdminOrganisationRow,
): Promise<AdminOrganisation> {
  const profile = await deps.profiles.load(exec, o.id);
  return {
    id: o.id,
    code: o.code,
    kind: profile.kind ?? o.kind,
    name: { ru: o.nameRu, en: o.nameEn },
    phone: o.phone,
    email: o.email,
    hours: profile.hours,
    parentId: o.parentId,
    territoryIds: [...o.territoryIds].sort(),
    categoryIds: [...o.categoryIds].sort(),
    isActive: o.isActive,
    reportCount: o.reportCount,
    ruleCount: o.ruleCount,
    staffCount: o.staffCount,
    childCount: o.childCount,
  };
}

/** The audited picture: what the admin edits, as stored. */
const auditFields = (o: AdminOrganisation) => ({
  code: o.code,
  kind: o.kind,
  nameRu: o.name.ru,
  nameEn: o.name.en,
  phone: o.phone,
  email: o.email,
  hours: o.hours,
  parentId: o.parentId,
  territoryIds: o.territoryIds,
  categoryIds: o.categoryIds,
  isActive: o.isActive,
});

export async function listOrganisations(
  deps: OrganisationsAdminDeps,
  actor: Actor,
): Promise<{ items: AdminOrganisation[] }> {
  assertAdmin(actor);
  const rows = await repo.listAdminOrganisations(deps.db);
  return { items: await Promise.all(rows.map((o) => present(deps, deps.db, o))) };
}

/**
 * Every problem of what an organisation refers to and its hours: the parent (known, active, not
 * itself or below it), the territories and categories served (known, active), overlapping hours.
 */
async function referenceProblems(
  deps: OrganisationsAdminDeps,
  exec: Executor,
  id: string | null,
  input: { parentId?: string | null; territoryIds?: string[]; categoryIds?: string[]; hours?: Hours },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (input.parentId) {
    const parent = await repo.findAdminOrganisation(exec, input.parentId);
    if (!parent) problems.push(problemAt('unknown_organisation', 'parentId'));
    else if (id !== null && (await repo.ancestorIds(exec, input.parentId)).includes(id))
      problems.push(problemAt('organisation_parent_cycle', 'parentId'));
    else if (!parent.isActive) problems.push(problemAt('organisation_archived', 'parentId'));
  }
  if (input.territoryIds) {
    const found = new Map((await repo.territoriesByIds(exec, input.territoryIds)).map((t) => [t.id, t]));
    input.territoryIds.forEach((tid, i) => {
      const t = found.get(tid);
      if (!t) problems.push(problemAt('unknown_territory', `territoryIds.${i}`));
      else if (!t.isActive) problems.push(problemAt('territory_archived', `territoryIds.${i}`));
    });
  }
  if (input.categoryIds) {
    const found = new Map((await repo.categoriesByIds(exec, input.categoryIds)).map((c) => [c.id, c]));
    input.categoryIds.forEach((cid, i) => {
      const c = found.get(cid);
      if (!c) problems.push(problemAt('unknown_category', `categoryIds.${i}`));
      else if (!c.isActive) problems.push(problemAt('category_archived', `categoryIds.${i}`));
    });
  }
  if (input.hours)
    for (const detail of deps.profiles.hoursProblems(input.hours))
      problems.push({ code: 'invalid_working_hours', detail });
  return problems;
}

export async function createOrganisation(
  deps: OrganisationsAdminDeps,
  actor: Actor,
  input: CreateOrganisation,
): Promise<AdminOrganisation> {
  assertAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const problems: Problem[] = [];
    if (await repo.codeTaken(tx, input.code)) problems.push(problemAt('organisation_code_taken', 'code'));
    problems.push(...(await referenceProblems(deps, tx, null, input)));
    refuse(problems);
    const id = await repo.insertOrganisation(tx, {
      code: input.code,
      kind: referenceKind(input.kind),
      nameRu: input.nameRu,
      nameEn: input.nameEn,
      phone: input.phone,
      email: input.email,
      parentId: input.parentId,
      isActive: true,
    });
    await repo.setServed(tx, id, input);
    await deps.profiles.save(tx, id, { kind: input.kind, hours: input.hours }, now);
    const created = await present(deps, tx, (await repo.findAdminOrganisation(tx, id))!);
    await writeAudit(tx, {
      actor,
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: id,
      at: now,
      details: { before: null, after: auditFields(created) },
    });
    return created;
  });
}

/** Edits the organisation; archiving (isActive: false) keeps its reports and stops new ones reaching it. */
export async function updateOrganisation(
  deps: OrganisationsAdminDeps,
  actor: Actor,
  id: string,
  input: UpdateOrganisation,
): Promise<AdminOrganisation> {
  assertAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await repo.findAdminOrganisation(tx, id, true);
    if (!row) throw new AppError('unknown_organisation');
    const before = await present(deps, tx, row);
    const problems = await referenceProblems(deps, tx, id, input);
    refuse(problems);
    const kind = input.kind ?? before.kind;
    await repo.updateOrganisation(
      tx,
      id,
      Object.fromEntries(
        Object.entries({
          kind: input.kind ? referenceKind(input.kind) : undefined,
          nameRu: input.nameRu,
          nameEn: input.nameEn,
          phone: input.phone,
          email: input.email,
          parentId: input.parentId,
          isActive: input.isActive,
        }).filter(([, v]) => v !== undefined),
      ),
    );
    await repo.setServed(tx, id, input);
    if (input.kind !== undefined || input.hours !== undefined)
      await deps.profiles.save(tx, id, { kind, hours: input.hours ?? before.hours }, now);
    const after = await present(deps, tx, (await repo.findAdminOrganisation(tx, id))!);
    await writeAudit(tx, {
      actor,
      action: input.isActive === false && row.isActive ? 'organisation.archive' : 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      at: now,
      details: { before: auditFields(before), after: auditFields(after) },
    });
    return after;
  });
}

/**
 * Only an organisation nothing refers to is deleted (one added by mistake): with reports, rules,
 * staff, subordinate bodies, answers, notices or objects it is refused, with archiving offered.
 */
export async function deleteOrganisation(
  deps: OrganisationsAdminDeps,
  actor: Actor,
  id: string,
): Promise<void> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findAdminOrganisation(tx, id, true);
    if (!row) throw new AppError('unknown_organisation');
    const before = await present(deps, tx, row);
    const inUse =
      row.reportCount +
        row.ruleCount +
        row.staffCount +
        row.childCount +
        (await repo.otherReferences(tx, id)) >
      0;
    if (inUse) refuse([problemAt('organisation_in_use', 'isActive')]);
    await repo.deleteOrganisation(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'organisation.delete',
      entityType: 'organisation',
      entityId: id,
      at: now,
      details: { before: auditFields(before), after: null },
    });
  });
}
