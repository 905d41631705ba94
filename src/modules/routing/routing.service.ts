import type { Executor } from '../../db/connection.ts';
import { matchingRules } from './routing.repo.ts';

/** A routing decision explains itself: the rule that chose the organisation, or why nothing did. */
export type RoutingDecision =
  | { method: 'rule'; ruleId: string; organisationId: string; territorySpecific: boolean }
  | { method: 'curator'; reason: 'no_rule' | 'ambiguous_rules'; candidateOrganisationIds: string[] };

export async function routeReport(
  exec: Executor,
  categoryId: string,
  territoryId: string | null,
): Promise<RoutingDecision> {
  const rules = await matchingRules(exec, categoryId, territoryId);
  if (rules.length === 0) return { method: 'curator', reason: 'no_rule', candidateOrganisationIds: [] };
  // The most specific level wins; two rules at the same level are ambiguous and go to the curator.
  const best = rules.filter((r) => (r.territoryId === null) === (rules[0]!.territoryId === null));
  const orgs = [...new Set(best.map((r) => r.organisationId))];
  if (orgs.length > 1)
    return { method: 'curator', reason: 'ambiguous_rules', candidateOrganisationIds: orgs };
  const rule = best[0]!;
  return {
    method: 'rule',
    ruleId: rule.ruleId,
    organisationId: rule.organisationId,
    territorySpecific: rule.territoryId !== null,
  };
}
