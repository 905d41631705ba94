import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import { type Actor, endSessionsOfUser } from '../identity/index.ts';
import { presentStaff } from './staff.presenter.ts';
import * as repo from './staff-admin.repo.ts';
import type {
  StaffAccount,
  StaffList,
  StaffListQuery,
  StaffOptions,
  UpdateStaff,
} from './staff-admin.schemas.ts';
import {
  canManage,
  grantProblems,
  loadReference,
  type Manager,
  managerOf,
  reachOf,
  refuse,
  rolesGivenBy,
} from './staff-scope.ts';

export type StaffDeps = { db: Db; clock: Clock };

/** The audited picture of an account: its role, scope and suspension (no name, no e-mail). */
const auditFields = (r: repo.StaffFields & { suspendedAt: Date | null }) => ({
  role: r.role,
  organisationId: r.organisationId,
  territoryId: r.territoryId,
  suspended: r.suspendedAt !== null,
});

export async function listStaff(deps: StaffDeps, actor: Actor, q: StaffListQuery): Promise<StaffList> {
  const m = await managerOf(deps.db, actor);
  const { rows, total } = await repo.listStaff(
    deps.db,
    {
      role: q.role,
      organisationId: q.organisationId,
      territoryId: q.territoryId,
      suspended: q.suspended === undefined ? undefined : q.suspended === 'true',
      q: q.q,
      onlyOperatorsOf: reachOf(m),
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const ref = await loadReference(deps.db, rows);
  return { items: rows.map((r) => presentStaff(r, m, ref)), total, page: q.page, pageSize: q.pageSize };
}

/** An account the manager may not manage is "not found" to them: its existence is not theirs to know. */
async function manageable(exec: Executor, m: Manager, id: string, forUpdate = false): Promise<repo.StaffRow> {
  const row = await repo.findStaff(exec, id, forUpdate);
  if (!row || !canManage(m, row)) throw new AppError('staff_not_found');
  return row;
}

export async function getStaff(deps: StaffDeps, actor: Actor, id: string): Promise<StaffAccount> {
  const m = await managerOf(deps.db, actor);
  const row = await manageable(deps.db, m, id);
  return presentStaff(row, m, await loadReference(deps.db, [row]));
}

/** What the forms may offer this manager: the roles they give, the organisations and territories. */
export async function staffOptions(deps: StaffDeps, actor: Actor): Promise<StaffOptions> {
  const m = await managerOf(deps.db, actor);
  const [organisations, territories] = await Promise.all([
    repo.allOrganisations(deps.db),
    m.kind === 'admin' ? repo.allTerritories(deps.db) : Promise.resolve([]),
  ]);
  const name = (r: repo.NamedRow) => ({ id: r.id, code: r.code, name: { ru: r.nameRu, en: r.nameEn } });
  return {
    roles: rolesGivenBy(m),
    organisations: organisations
      .filter((o) => o.isActive && (m.kind === 'admin' || m.organisationIds.has(o.id)))
      .map(name),
    territories: territories.map((t) => ({ ...name(t), kind: t.kind })),
  };
}

/**
 * The last active admin stays one: demoting or suspending them is refused (the other admins are
 * locked while this is checked, so two admins cannot remove each other at the same moment).
 */
async function keepAnAdmin(tx: Executor, row: repo.StaffRow): Promise<void> {
  if (row.role !== 'admin' || row.suspendedAt !== null) return;
  const others = await repo.otherActiveAdmins(tx, row.id);
  if (others.length === 0)
    throw new AppError('staff_last_admin', [
      { path: 'role', message: 'staff_last_admin', code: 'staff_last_admin' },
    ]);
}

/** The scope a role keeps when it is not given: what still fits the new role, cleared otherwise. */
function nextFields(before: repo.StaffFields, input: UpdateStaff): repo.StaffFields {
  const role = input.role ?? before.role;
  const keep = (field: 'organisationId' | 'territoryId', fits: boolean) =>
    input[field] !== undefined ? (input[field] ?? null) : fits ? before[field] : null;
  return {
    role,
    organisationId: keep('organisationId', role === 'operator'),
    territoryId: keep('territoryId', role === 'curator'),
  };
}

export async function updateStaff(
  deps: StaffDeps,
  actor: Actor,
  id: string,
  input: UpdateStaff,
): Promise<StaffAccount> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const m = await managerOf(tx, actor);
    const row = await manageable(tx, m, id, true);
    const after = nextFields(row, input);
    // A curator moves operators between their organisations; the role itself is an admin's to change.
    const problems = grantProblems(m, after, await loadReference(tx, [after]));
    if (m.kind === 'curator' && input.role !== undefined && input.role !== row.role)
      problems.unshift({ path: 'role', code: 'staff_role_not_allowed' });
    refuse(problems);
    if (after.role !== 'admin') await keepAnAdmin(tx, row);
    await repo.updateStaffFields(tx, id, after);
    await writeAudit(tx, {
      actor,
      action: 'staff.update',
      entityType: 'user',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: auditFields({ ...after, suspendedAt: row.suspendedAt }) },
    });
  });
  return getStaff(deps, actor, id);
}

/**
 * Suspends an account: it cannot sign in (password or external provider) and every session it has
 * ends now. API keys of its organisation are the organisation's, not the person's: they keep working.
 */
export async function suspendStaff(deps: StaffDeps, actor: Actor, id: string): Promise<StaffAccount> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const m = await managerOf(tx, actor);
    const row = await manageable(tx, m, id, true);
    if (row.id === actor.id)
      throw new AppError('staff_self_suspend', [
        { path: 'id', message: 'staff_self_suspend', code: 'staff_self_suspend' },
      ]);
    if (row.suspendedAt) throw new AppError('staff_already_suspended');
    await keepAnAdmin(tx, row);
    await repo.setSuspended(tx, id, now);
    await endSessionsOfUser(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'staff.suspend',
      entityType: 'user',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: auditFields({ ...row, suspendedAt: now }) },
    });
  });
  return getStaff(deps, actor, id);
}

export async function reactivateStaff(deps: StaffDeps, actor: Actor, id: string): Promise<StaffAccount> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const m = await managerOf(tx, actor);
    const row = await manageable(tx, m, id, true);
    if (!row.suspendedAt) throw new AppError('staff_not_suspended');
    await repo.setSuspended(tx, id, null);
    await writeAudit(tx, {
      actor,
      action: 'staff.reactivate',
      entityType: 'user',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: auditFields({ ...row, suspendedAt: null }) },
    });
  });
  return getStaff(deps, actor, id);
}
