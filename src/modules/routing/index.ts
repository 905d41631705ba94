/** Routing of new reports to an organisation, and the admin API of its rule table: the public entry. */

/** Writes a rule without the admin service's checks and audit (the bench's second-node scenario). */
export { decodeRuleMatches, insertRule, matchingRulesJson } from './routing.repo.ts';
export {
  type AdvisorOpinion,
  type PrefetchedRules,
  type RoutingAdvisor,
  type RoutingDecision,
  routeByRules,
  routeReport,
  rulesDay,
} from './routing.service.ts';
export { routingRuleRoutes } from './routing-rules.routes.ts';
