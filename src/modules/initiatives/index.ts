/** Residents' initiatives: the public entry of the module (the repository stays private). */

export { initiativeRoutes, initiativesDeps } from './initiatives.routes.ts';
export {
  expireInitiatives,
  type InitiativeSettings,
  type InitiativesDeps,
  sendToOrganisation,
} from './initiatives.service.ts';
