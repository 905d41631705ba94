import type { Executor } from '../../db/connection.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import type { Geometry } from '../../lib/geojson.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { assertAdmin, type ReferenceAdminDeps } from './categories-admin.service.ts';
import { forgetExpansions } from './expansions.ts';
import * as repo from './territories-admin.repo.ts';
import type { AdminTerritory, CreateTerritory, UpdateTerritory } from './territories-admin.schemas.ts';
import { type BoundaryProblem, parseBoundary } from './territory-boundary.ts';

/** A boundary may stray this far outside its container (digitising noise along a shared edge). */
const OUTSIDE_TOLERANCE = 0.01;

function refuse(problems: BoundaryProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError(
    problems[0]!.code,
    problems.map((p) => p.detail),
  );
}

const problemAt = (code: ErrorCode, path: string, message: string = code): BoundaryProblem => ({
  code,
  detail: { path, code, message } satisfies ErrorDetail,
});

function present(t: repo.AdminTerritoryRow): AdminTerritory {
  return {
    id: t.id,
    parentId: t.parentId,
    kind: t.kind,
    code: t.code,
    name: { ru: t.nameRu, en: t.nameEn },
    isActive: t.isActive,
    areaKm2: t.areaKm2,
    reportCount: t.reportCount,
    ruleCount: t.ruleCount,
    childCount: t.childCount,
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The audited picture: editable fields as stored, with the boundary as GeoJSON when it changed. */
const auditFields = (t: {
  parentId: string | null;
  kind: string;
  code: string;
  nameRu: string;
  nameEn: string;
  isActive: boolean;
}) => ({
  parentId: t.parentId,
  kind: t.kind,
  code: t.code,
  nameRu: t.nameRu,
  nameEn: t.nameEn,
  isActive: t.isActive,
});

/**
 * Every problem of an uploaded boundary: its structure (type, coordinates out of range or swapped,
 * rings, size), then PostGIS's validity (a self-intersection, with where) and, for a district, how
 * much of it lies outside the region (a municipality: outside its district).
 */
async function checkedBoundary(
  exec: Executor,
  value: unknown,
  kind: repo.AdminTerritoryRow['kind'],
  containerId: string | null,
): Promise<Geometry> {
  const extent = kind === 'region' ? null : await repo.regionBBox(exec);
  const parsed = parseBoundary(value, extent);
  if ('problems' in parsed) refuse(parsed.problems);
  const geometry = (parsed as { geometry: Geometry }).geometry;
  const verdict = await repo.checkBoundary(exec, geometry, kind === 'region' ? null : containerId);
  if (!verdict.valid) {
    const where = verdict.lon !== null ? `${verdict.lon.toFixed(6)} ${verdict.lat!.toFixed(6)}` : '';
    refuse([
      /self-intersection|ring self-intersection/i.test(verdict.reason ?? '')
        ? problemAt('boundary_self_intersection', 'boundary', `vmeste:boundary_self_intersection_at:${where}`)
        : problemAt('boundary_invalid', 'boundary', `vmeste:boundary_invalid_reason:${verdict.reason ?? ''}`),
    ]);
  }
  if (verdict.outsideShare !== null && verdict.outsideShare > OUTSIDE_TOLERANCE)
    refuse([
      problemAt(
        kind === 'municipality' ? 'boundary_outside_parent' : 'boundary_outside_region',
        'boundary',
        `vmeste:boundary_outside_share:${Math.round(verdict.outsideShare * 100)}`,
      ),
    ]);
  return geometry;
}

export async function listTerritories(
  deps: ReferenceAdminDeps,
  actor: Actor,
): Promise<{ items: AdminTerritory[] }> {
  assertAdmin(actor);
  return { items: (await repo.listAdminTerritories(deps.db)).map(present) };
}

export async function getTerritory(
  deps: ReferenceAdminDeps,
  actor: Actor,
  id: string,
): Promise<AdminTerritory & { boundary: unknown }> {
  assertAdmin(actor);
  const row = await repo.findAdminTerritory(deps.db, id, { boundary: true });
  if (!row) throw new AppError('unknown_territory');
  return { ...present(row), boundary: row.boundary ? (JSON.parse(row.boundary) as unknown) : null };
}

/** The parent a kind needs: none for the region, the region for a district, a district for a municipality. */
async function parentProblems(
  exec: Executor,
  kind: repo.AdminTerritoryRow['kind'],
  parentId: string | null,
): Promise<BoundaryProblem[]> {
  if (kind === 'region') {
    const out: BoundaryProblem[] = [];
    if (parentId !== null) out.push(problemAt('territory_parent_kind', 'parentId'));
    if (await repo.regionExists(exec)) out.push(problemAt('territory_region_exists', 'kind'));
    return out;
  }
  if (parentId === null) return [problemAt('territory_parent_kind', 'parentId')];
  const parent = await repo.findAdminTerritory(exec, parentId, { lock: true });
  if (!parent) return [problemAt('unknown_territory', 'parentId')];
  const wanted = kind === 'district' ? 'region' : 'district';
  if (parent.kind !== wanted) return [problemAt('territory_parent_kind', 'parentId')];
  if (!parent.isActive) return [problemAt('territory_archived', 'parentId')];
  return [];
}

/** Adds a district (in the region) or a municipality (in a district), or the region itself once. */
export async function createTerritory(
  deps: ReferenceAdminDeps,
  actor: Actor,
  input: CreateTerritory,
): Promise<AdminTerritory> {
  assertAdmin(actor);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const problems = await parentProblems(tx, input.kind, input.parentId);
    if (await repo.codeTaken(tx, input.code)) problems.push(problemAt('territory_code_taken', 'code'));
    refuse(problems);
    const container = input.kind === 'municipality' ? input.parentId : null;
    const geometry = await checkedBoundary(
      tx,
      input.boundary,
      input.kind,
      container ?? (await regionIdOf(tx)),
    );
    const created = await repo.insertTerritory(tx, { ...input, geometry });
    await writeAudit(tx, {
      actor,
      action: 'territory.create',
      entityType: 'territory',
      entityId: created,
      at: now,
      details: { before: null, after: { ...auditFields({ ...input, isActive: true }), boundary: geometry } },
    });
    return created;
  });
  forgetExpansions(deps.db);
  await repo.analyzeTerritories(deps.db);
  return present((await repo.findAdminTerritory(deps.db, id))!);
}

async function regionIdOf(exec: Executor): Promise<string | null> {
  return (await repo.listAdminTerritories(exec)).find((t) => t.kind === 'region')?.id ?? null;
}

/**
 * Renames, replaces the boundary, archives or restores. A new boundary decides the district of the
 * next report on every node at commit: intake and routing read the table, nothing caches it.
 */
export async function updateTerritory(
  deps: ReferenceAdminDeps,
  actor: Actor,
  id: string,
  input: UpdateTerritory,
): Promise<AdminTerritory> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findAdminTerritory(tx, id, { lock: true, boundary: input.boundary !== undefined });
    if (!row) throw new AppError('unknown_territory');
    const problems: BoundaryProblem[] = [];
    if (input.isActive === true && !row.isActive && row.parentId) {
      const parent = await repo.findAdminTerritory(tx, row.parentId);
      if (parent && !parent.isActive) problems.push(problemAt('territory_archived', 'isActive'));
    }
    refuse(problems);
    const container = row.kind === 'municipality' ? row.parentId : await regionIdOf(tx);
    const geometry =
      input.boundary !== undefined ? await checkedBoundary(tx, input.boundary, row.kind, container) : null;
    const after = {
      ...row,
      nameRu: input.nameRu ?? row.nameRu,
      nameEn: input.nameEn ?? row.nameEn,
      isActive: input.isActive ?? row.isActive,
    };
    await repo.updateTerritory(tx, id, { ...after, geometry, now });
    // Archiving a district archives its municipalities: nothing could be filed in them anyway.
    if (input.isActive === false)
      for (const child of await repo.listAdminTerritories(tx))
        if (child.parentId === id && child.isActive)
          await repo.updateTerritory(tx, child.id, { ...child, isActive: false, geometry: null, now });
    await writeAudit(tx, {
      actor,
      action: input.isActive === false && row.isActive ? 'territory.archive' : 'territory.update',
      entityType: 'territory',
      entityId: id,
      at: now,
      details: {
        before: {
          ...auditFields(row),
          ...(geometry ? { boundary: JSON.parse(row.boundary!) as unknown } : {}),
        },
        after: { ...auditFields(after), ...(geometry ? { boundary: geometry } : {}) },
      },
    });
  });
  forgetExpansions(deps.db);
  if (input.boundary !== undefined) await repo.analyzeTerritories(deps.db);
  return present((await repo.findAdminTerritory(deps.db, id))!);
}

/**
 * Only a territory nothing refers to is deleted (one added by mistake); one that reports, rules,
 * accounts or other territories refer to is refused, with archiving offered instead.
 */
export async function deleteTerritory(deps: ReferenceAdminDeps, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findAdminTerritory(tx, id, { lock: true, boundary: true });
    if (!row) throw new AppError('unknown_territory');
    const problems: BoundaryProblem[] = [];
    if (row.reportCount > 0 || row.ruleCount > 0 || (await repo.otherReferences(tx, id)) > 0)
      problems.push(problemAt('territory_in_use', 'isActive'));
    if (row.childCount > 0) problems.push(problemAt('territory_has_children', 'isActive'));
    refuse(problems);
    await repo.deleteTerritory(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'territory.delete',
      entityType: 'territory',
      entityId: id,
      at: now,
      details: {
        before: { ...auditFields(row), boundary: JSON.parse(row.boundary!) as unknown },
        after: null,
      },
    });
  });
  forgetExpansions(deps.db);
}
