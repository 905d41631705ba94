/** Routing of new reports to an organisation, and the admin API of its rule table: the public entry. */

export {
  type AdvisorOpinion,
  type RoutingAdvisor,
  type RoutingDecision,
  routeReport,
} from './routing.service.ts';
export { routingRuleRoutes } from './routing-rules.routes.ts';
