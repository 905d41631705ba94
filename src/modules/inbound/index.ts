/** The inbound API (organisations' systems update their reports): the public entry of the module. */
export { inboundRoutes } from './inbound.routes.ts';
export { applyOrganisationUpdate, type InboundUpdate } from './inbound.service.ts';
