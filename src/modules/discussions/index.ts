/**
 * Public discussions with threaded comments and the optional opinion map: the public entry of the
 * module. The repositories stay private.
 */
export { type AudienceSettings, isInAudience } from './audience.ts';
// The use cases the demo seed runs as people would.
export { addComment, supportComment } from './comments.service.ts';
export type { DiscussionsDeps } from './discussions.deps.ts';
export { discussionRoutes, discussionsDeps } from './discussions.routes.ts';
export { createDiscussion, publishResults } from './discussions.service.ts';
export { opinionMapRoutes } from './opinion.routes.ts';
// For the benchmark: the pure computation and its worker, and the matrix as the job loads it.
export { computeOpinionMap, type VoteCell } from './opinion-map.compute.ts';
export {
  loadMatrix,
  OPINION_MAP_QUEUE,
  opinionMapKicker,
  type RebuildDeps,
  rebuildOpinionMap,
  rebuildStaleOpinionMaps,
} from './opinion-map.rebuild.ts';
export { computeInWorker } from './opinion-map.runner.ts';
// The participation modules' route table (initiatives mount theirs with it too).
export { mountRoutes, type RouteDef, route } from './route-table.ts';
