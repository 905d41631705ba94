/** Routing of new reports to an organisation: the public entry of the module. */
export {
  type AdvisorOpinion,
  type RoutingAdvisor,
  type RoutingDecision,
  routeReport,
} from './routing.service.ts';
