import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { dateKey, localDateOf } from '../../lib/working-days.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import type { RegionDefaults } from '../reference/index.ts';
import {
  districtAt,
  findCategory,
  findOrganisation,
  findTerritory,
  regionSettings,
} from '../reference/index.ts';
import * as repo from './routing.repo.ts';
import { type RoutingAdvisor, routeReport } from './routing.service.ts';
import type {
  CreateRoutingRule,
  RoutingRule,
  RoutingRuleList,
  RoutingTestResult,
  UpdateRoutingRule,
} from './routing-rules.schemas.ts';

export type RoutingRulesDeps = {
  db: Db;
  clock: Clock;
  /** The environment's defaults of the region settings (the tolerance in force is a region setting). */
  config: RegionDefaults;
  /** The classifier's opinion where the rules give no single organisation (wired by the server). */
  advisor?: (exec: Executor, report: { text: string; district: string | null }) => ReturnType<RoutingAdvisor>;
};

/** The routing table is reference data: only admins edit it (PRODUCT.md §2 H). */
function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

const today = (clock: Clock) => dateKey(localDateOf(clock.now()));

export function presentRule(r: repo.RuleRow, day: string): RoutingRule {
  const valid = (r.validFrom === null || r.validFrom <= day) && (r.validTo === null || r.validTo >= day);
  return {
    id: r.id,
    category: {
      id: r.categoryId,
      code: r.categoryCode,
      name: { ru: r.categoryNameRu, en: r.categoryNameEn },
      isActive: r.categoryActive,
    },
    territory:
      r.territoryId && r.territoryCode
        ? {
            id: r.territoryId,
            code: r.territoryCode,
            name: { ru: r.territoryNameRu ?? '', en: r.territoryNameEn ?? '' },
          }
        : null,
    organisation: {
      id: r.organisationId,
      code: r.organisationCode,
      name: { ru: r.organisationNameRu, en: r.organisationNameEn },
      isActive: r.organisationActive,
    },
    priority: r.priority,
    validFrom: r.validFrom,
    validTo: r.validTo,
    inForce: valid && r.categoryActive && r.organisationActive,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The table with what is wrong with it: subjects × districts no rule covers, rules that tie. */
export async function listRules(
  deps: RoutingRulesDeps,
  actor: Actor,
  filter: repo.RuleFilter,
): Promise<RoutingRuleList> {
  assertAdmin(actor);
  const day = today(deps.clock);
  const [rows, gaps, pairs] = await Promise.all([
    repo.listRules(deps.db, filter),
    repo.gaps(deps.db, day),
    repo.overlapPairs(deps.db),
  ]);
  return {
    items: rows.map((r) => presentRule(r, day)),
    gaps,
    overlaps: pairs.map((p) => ({ ruleIds: [p.a, p.b] as [string, string] })),
  };
}

export async function getRule(deps: RoutingRulesDeps, actor: Actor, id: string): Promise<RoutingRule> {
  assertAdmin(actor);
  const row = await repo.findRule(deps.db, id);
  if (!row) throw new AppError('routing_rule_not_found');
  return presentRule(row, today(deps.clock));
}

/**
 * Every problem of a rule at once (the first one's code is the error's): the category must be an
 * active subject, the territory a district or the region, the organisation active, the dates in
 * order, and no rule of equal priority may cover the same ground on the same dates.
 */
async function checkRule(tx: Executor, f: repo.RuleFields, exceptId: string | null): Promise<void> {
  const problems: { code: ErrorCode; path: string }[] = [];
  const [category, organisation, territory] = await Promise.all([
    findCategory(tx, f.categoryId),
    findOrganisation(tx, f.organisationId),
    f.territoryId ? findTerritory(tx, f.territoryId) : Promise.resolve(null),
  ]);
  if (!category) problems.push({ code: 'unknown_category', path: 'categoryId' });
  else if (!category.isActive) problems.push({ code: 'category_archived', path: 'categoryId' });
  else if (category.parentId === null) problems.push({ code: 'category_not_selectable', path: 'categoryId' });
  if (!organisation) problems.push({ code: 'unknown_organisation', path: 'organisationId' });
  else if (!organisation.isActive) problems.push({ code: 'organisation_archived', path: 'organisationId' });
  if (territory === undefined) problems.push({ code: 'unknown_territory', path: 'territoryId' });
  else if (territory && territory.kind !== 'district' && territory.kind !== 'region')
    problems.push({ code: 'territory_not_routable', path: 'territoryId' });
  else if (territory && !territory.isActive)
    problems.push({ code: 'territory_archived', path: 'territoryId' });
  if (f.validFrom && f.validTo && f.validTo < f.validFrom)
    problems.push({ code: 'routing_rule_dates', path: 'validTo' });
  if (problems.length === 0) {
    const clash = await repo.overlappingRules(tx, f, exceptId);
    if (clash.length > 0) problems.push({ code: 'routing_rule_overlap', path: 'priority' });
  }
  if (problems.length > 0) {
    const details: ErrorDetail[] = problems.map((p) => ({ path: p.path, message: p.code, code: p.code }));
    throw new AppError(problems[0]!.code, details);
  }
}

/** The audited picture of a rule: its fields as stored (ids and dates), not its names. */
const auditFields = (r: repo.RuleFields) => ({
  categoryId: r.categoryId,
  territoryId: r.territoryId,
  organisationId: r.organisationId,
  priority: r.priority,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

export async function createRule(
  deps: RoutingRulesDeps,
  actor: Actor,
  input: CreateRoutingRule,
): Promise<RoutingRule> {
  assertAdmin(actor);
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const fields: repo.RuleFields = { ...input };
    await checkRule(tx, fields, null);
    const created = await repo.insertRule(tx, fields, now);
    await writeAudit(tx, {
      actor,
      action: 'routing_rule.create',
      entityType: 'routing_rule',
      entityId: created,
      at: now,
      details: { before: null, after: auditFields(fields) },
    });
    return created;
  });
  return getRule(deps, actor, id);
}

export async function updateRule(
  deps: RoutingRulesDeps,
  actor: Actor,
  id: string,
  input: UpdateRoutingRule,
): Promise<RoutingRule> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findRule(tx, id, true);
    if (!row) throw new AppError('routing_rule_not_found');
    const before = auditFields(row);
    const after: repo.RuleFields = { ...before };
    for (const key of Object.keys(input) as (keyof UpdateRoutingRule)[])
      if (input[key] !== undefined) Object.assign(after, { [key]: input[key] });
    await checkRule(tx, after, id);
    await repo.updateRule(tx, id, after, now);
    await writeAudit(tx, {
      actor,
      action: 'routing_rule.update',
      entityType: 'routing_rule',
      entityId: id,
      at: now,
      details: { before, after: auditFields(after) },
    });
  });
  return getRule(deps, actor, id);
}

/**
 * A rule that has routed reports explains their history: it is not deleted but ended (a `validTo`
 * date), which the refusal says. An unused rule (a mistake) is deleted, with its last state audited.
 */
export async function deleteRule(deps: RoutingRulesDeps, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.findRule(tx, id, true);
    if (!row) throw new AppError('routing_rule_not_found');
    if (await repo.ruleIsReferenced(tx, id))
      throw new AppError('routing_rule_in_use', [
        { path: 'validTo', message: 'routing_rule_in_use', code: 'routing_rule_in_use' },
      ]);
    await repo.deleteRule(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'routing_rule.delete',
      entityType: 'routing_rule',
      entityId: id,
      at: now,
      details: { before: auditFields(row), after: null },
    });
  });
}

/**
 * Where a report of this subject at this point would go, decided exactly as on acceptance: the
 * rules valid on the date; where they give no single organisation, the classifier (given a text);
 * otherwise the curator.
 */
export async function testRouting(
  deps: RoutingRulesDeps,
  actor: Actor,
  q: { lat: number; lon: number; categoryId: string; text?: string | undefined; date?: string | undefined },
): Promise<RoutingTestResult> {
  assertAdmin(actor);
  const problems: ErrorDetail[] = [];
  const category = await findCategory(deps.db, q.categoryId);
  if (!category) problems.push({ path: 'categoryId', message: 'unknown_category' });
  else if (category.parentId === null)
    problems.push({ path: 'categoryId', message: 'category_not_selectable' });
  const { nearestDistrictToleranceMeters } = await regionSettings(deps.db, deps.config);
  const district = await districtAt(deps.db, q, nearestDistrictToleranceMeters);
  if (!district) problems.push({ path: 'lat', message: 'point_outside_region' });
  if (problems.length > 0 || !district) throw new AppError(problems[0]!.message as ErrorCode, problems);
  // Noon of the tested local date (UTC+3): the day's rules, whatever the time zone of the server.
  const at = q.date ? new Date(`${q.date}T09:00:00Z`) : deps.clock.now();
  const { advisor } = deps;
  const text = q.text;
  const decision = await routeReport(
    deps.db,
    q.categoryId,
    district.id,
    at,
    advisor && text ? () => advisor(deps.db, { text, district: district.nameRu }) : undefined,
  );
  if (decision.method === 'rule')
    return {
      organisationId: decision.organisationId,
      decidedBy: 'rule',
      ruleId: decision.ruleId,
      territoryId: district.id,
    };
  if (decision.method === 'classifier')
    return {
      organisationId: decision.organisationId,
      decidedBy: 'classifier',
      territoryId: district.id,
      reason: decision.rules,
      confidence: decision.confidence,
    };
  return {
    organisationId: null,
    decidedBy: 'curator',
    territoryId: district.id,
    reason: decision.reason,
    candidateOrganisationIds: decision.candidateOrganisationIds,
  };
}
