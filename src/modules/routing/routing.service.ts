import type { Executor } from '../../db/connection.ts';
import { dateKey, localDateOf } from '../../lib/working-days.ts';
import { matchingRules, type RuleMatch } from './routing.repo.ts';

type NoSingleRule = 'no_rule' | 'ambiguous_rules';

/** The classifier's opinion on a report the rules could not route. */
export type AdvisorOpinion =
  | {
      method: 'classifier';
      organisationId: string;
      organisationCode: string;
      confidence: number;
      threshold: number;
      terms: string[];
    }
  | { method: 'classifier_unsure'; confidence: number; threshold: number }
  | null;

export type RoutingAdvisor = () => Promise<AdvisorOpinion>;

/**
 * A routing decision explains itself: the rule that chose the organisation; or, where the rules give
 * no single organisation, the classifier's choice with its confidence and evidence; or why it went to
 * the curator.
 */
export type RoutingDecision =
  | { method: 'rule'; ruleId: string; organisationId: string; territorySpecific: boolean }
  | {
      method: 'classifier';
      rules: NoSingleRule;
      organisationId: string;
      organisationCode: string;
      confidence: number;
      threshold: number;
      terms: string[];
    }
  | {
      method: 'curator';
      reason: NoSingleRule;
      candidateOrganisationIds: string[];
      classifier?: { confidence: number; threshold: number };
    };

/**
 * Rules first (those valid on the local date of `at`); where they give no single organisation, a
 * confident classifier; otherwise the curator.
 */
export async function routeReport(
  exec: Executor,
  categoryId: string,
  territoryId: string | null,
  at: Date,
  advisor?: RoutingAdvisor,
  prefetched?: PrefetchedRules,
): Promise<RoutingDecision> {
  const byRules = await routeByRules(exec, categoryId, territoryId, at, prefetched);
  if (byRules.method !== 'curator' || !advisor) return byRules;
  const opinion = await advisor();
  if (opinion?.method === 'classifier') return { ...opinion, rules: byRules.reason };
  if (opinion?.method === 'classifier_unsure')
    return { ...byRules, classifier: { confidence: opinion.confidence, threshold: opinion.threshold } };
  return byRules;
}

/** The local date whose rules apply at `at` (matchingRulesJson's day). */
export const rulesDay = (at: Date): string => dateKey(localDateOf(at));

/** The rules already read for a day (with the locked report: matchingRulesJson). */
export type PrefetchedRules = { day: string; rules: RuleMatch[] };

export async function routeByRules(
  exec: Executor,
  categoryId: string,
  territoryId: string | null,
  at: Date,
  prefetched?: PrefetchedRules,
): Promise<Exclude<RoutingDecision, { method: 'classifier' }>> {
  const day = rulesDay(at);
  // Read for another day (the clock passed midnight meanwhile): asked again.
  const rules =
    prefetched?.day === day ? prefetched.rules : await matchingRules(exec, categoryId, territoryId, day);
  if (rules.length === 0) return { method: 'curator', reason: 'no_rule', candidateOrganisationIds: [] };
  // The most specific level wins, then the highest priority; two organisations still tied are
  // ambiguous and go to the curator.
  const top = rules[0]!;
  const best = rules.filter((r) => r.specific === top.specific && r.priority === top.priority);
  const orgs = [...new Set(best.map((r) => r.organisationId))];
  if (orgs.length > 1)
    return { method: 'curator', reason: 'ambiguous_rules', candidateOrganisationIds: orgs };
  const rule = best[0]!;
  return {
    method: 'rule',
    ruleId: rule.ruleId,
    organisationId: rule.organisationId,
    territorySpecific: rule.specific,
  };
}
