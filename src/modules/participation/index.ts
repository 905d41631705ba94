/** Participation (polls and surveys, two-stage rating votes): the public entry of the module. */
export { pollRoutes } from './polls.routes.ts';
export type { WinnersAnnouncer } from './vote-moderation.service.ts';
export { voteRoutes } from './votes.routes.ts';
