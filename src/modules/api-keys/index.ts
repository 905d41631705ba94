/** API clients and their keys (Open311 and the inbound API authenticate with them): the public entry. */
export { apiKeysDeps, apiKeysRoutes } from './api-keys.routes.ts';
export {
  type ApiClientAuth,
  type ApiKeysDeps,
  authenticateApiKey,
  requireOrganisationScope,
} from './api-keys.service.ts';
