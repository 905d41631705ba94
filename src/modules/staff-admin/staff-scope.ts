import type { Executor } from '../../db/connection.ts';
import type { StaffRole } from '../../db/schema/identity.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { findTerritory } from '../reference/index.ts';
import * as repo from './staff-admin.repo.ts';

/**
 * Who manages staff accounts, and how far: an admin manages every staff account; a curator manages
 * the operators of the organisations that work only inside their territory (invite, suspend,
 * reactivate, move between those organisations) and nothing else. Anyone else is refused.
 */
export type Manager =
  | { kind: 'admin'; actor: Actor }
  | { kind: 'curator'; actor: Actor; organisationIds: Set<string> };

export async function managerOf(exec: Executor, actor: Actor): Promise<Manager> {
  if (actor.role === 'admin') return { kind: 'admin', actor };
  if (actor.role !== 'curator' || !actor.territoryId) throw new AppError('forbidden');
  const territory = await findTerritory(exec, actor.territoryId);
  if (!territory) throw new AppError('forbidden');
  // The region's curator reaches every organisation, those with no territory yet too.
  const ids =
    territory.parentId === null
      ? (await repo.allOrganisations(exec)).map((o) => o.id)
      : await repo.organisationsWithin(exec, territory.id);
  return { kind: 'curator', actor, organisationIds: new Set(ids) };
}

/** The organisations a curator may reach; null for an admin (no limit). */
export function reachOf(m: Manager): string[] | null {
  return m.kind === 'admin' ? null : [...m.organisationIds];
}

export function canManage(m: Manager, target: Pick<repo.StaffRow, 'role' | 'organisationId'>): boolean {
  if (m.kind === 'admin') return true;
  return (
    target.role === 'operator' &&
    target.organisationId !== null &&
    m.organisationIds.has(target.organisationId)
  );
}

export function rolesGivenBy(m: Manager): StaffRole[] {
  return m.kind === 'admin' ? ['moderator', 'operator', 'curator', 'analyst', 'admin'] : ['operator'];
}

export type Problem = { path: string; code: ErrorCode };

/** Operators belong to an organisation, curators to a territory; the other roles cover the region. */
export function scopeShape(f: repo.StaffFields): Problem[] {
  const problems: Problem[] = [];
  if (f.role === 'operator') {
    if (!f.organisationId) problems.push({ path: 'organisationId', code: 'staff_scope_required' });
    if (f.territoryId) problems.push({ path: 'territoryId', code: 'staff_scope_not_allowed' });
  } else if (f.role === 'curator') {
    if (!f.territoryId) problems.push({ path: 'territoryId', code: 'staff_scope_required' });
    if (f.organisationId) problems.push({ path: 'organisationId', code: 'staff_scope_not_allowed' });
  } else {
    if (f.organisationId) problems.push({ path: 'organisationId', code: 'staff_scope_not_allowed' });
    if (f.territoryId) problems.push({ path: 'territoryId', code: 'staff_scope_not_allowed' });
  }
  return problems;
}

export type Reference = {
  organisations: Map<string, repo.OrganisationRef>;
  territories: Map<string, repo.TerritoryRef>;
};

/**
 * Every problem of a role and scope the manager wants to give: the shape of the scope, the
 * organisation and territory known (and the organisation active), and within the manager's reach.
 */
export function grantProblems(m: Manager, f: repo.StaffFields, ref: Reference): Problem[] {
  const problems: Problem[] = [];
  if (!rolesGivenBy(m).includes(f.role)) problems.push({ path: 'role', code: 'staff_role_not_allowed' });
  problems.push(...scopeShape(f));
  if (f.organisationId) {
    const org = ref.organisations.get(f.organisationId);
    // Beyond a curator's reach first: whether an organisation exists outside it is not theirs to learn.
    if (m.kind === 'curator' && !m.organisationIds.has(f.organisationId))
      problems.push({ path: 'organisationId', code: 'staff_out_of_scope' });
    else if (!org) problems.push({ path: 'organisationId', code: 'unknown_organisation' });
    else if (!org.isActive) problems.push({ path: 'organisationId', code: 'organisation_archived' });
  }
  if (f.territoryId && !ref.territories.has(f.territoryId))
    problems.push({ path: 'territoryId', code: 'unknown_territory' });
  return problems;
}

export function refuse(problems: Problem[], prefix = ''): void {
  if (problems.length === 0) return;
  const details: ErrorDetail[] = problems.map((p) => ({
    path: `${prefix}${p.path}`,
    message: p.code,
    code: p.code,
  }));
  throw new AppError(problems[0]!.code, details);
}

export async function loadReference(exec: Executor, f: Partial<repo.StaffFields>[]): Promise<Reference> {
  const orgIds = [...new Set(f.map((x) => x.organisationId).filter((x): x is string => Boolean(x)))];
  const terIds = [...new Set(f.map((x) => x.territoryId).filter((x): x is string => Boolean(x)))];
  const [organisations, territories] = await Promise.all([
    repo.organisationsByIds(exec, orgIds),
    repo.territoriesByIds(exec, terIds),
  ]);
  return { organisations, territories };
}
