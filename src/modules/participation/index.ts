/** Participation (polls and surveys, two-stage rating votes): the public entry of the module. */

// Use cases the demo seed runs, exactly as people do through the API.
export { submitPollBallot } from './poll-ballot.service.ts';
export { pollRoutes } from './polls.routes.ts';
export { createPoll, publishPoll } from './polls.service.ts';
export { submitVoteBallot } from './vote-ballot.service.ts';
export type { WinnersAnnouncer } from './vote-moderation.service.ts';
export { moderateItem } from './vote-moderation.service.ts';
export { voteRoutes } from './votes.routes.ts';
export { addItem, createVote } from './votes.service.ts';
