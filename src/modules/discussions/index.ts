/**
 * Public discussions with threaded comments and the optional opinion map: the public entry of the
 * module. The repositories stay private.
 */
export { type AudienceSettings, isInAudience } from './audience.ts';
export type { DiscussionsDeps } from './discussions.deps.ts';
export { discussionRoutes, discussionsDeps } from './discussions.routes.ts';
export { opinionMapRoutes } from './opinion.routes.ts';
export {
  REBUILD_INTERVAL_MS,
  type RebuildDeps,
  rebuildOpinionMap,
  rebuildStaleOpinionMaps,
} from './opinion-map.rebuild.ts';
