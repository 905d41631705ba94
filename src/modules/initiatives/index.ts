/** Residents' initiatives: the public entry of the module (the repository stays private). */

export { initiativeRoutes, initiativesDeps } from './initiatives.routes.ts';
export {
  expireInitiatives,
  type InitiativeSettings,
  type InitiativesDeps,
  // The use cases the demo seed runs as people would.
  moderateInitiative,
  proposeInitiative,
  sendToOrganisation,
  supportInitiative,
} from './initiatives.service.ts';
