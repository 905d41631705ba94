import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { audienceProblem } from './participation.policy.ts';
import type { PollBallotBody } from './participation.schemas.ts';
import { pollState } from './poll.presenter.ts';
import { checkBallot } from './poll-answers.ts';
import * as repo from './polls.repo.ts';
import type { PollsDeps } from './polls.service.ts';

export type BallotReceipt = { created: boolean; updatedAt: string };

/**
 * Stores or replaces the caller's ballot in one transaction: the poll is held against a change of
 * its questions, every problem is listed (window, audience, each answer), and the unique
 * (poll, resident) index decides between concurrent ballots of one person.
 */
export async function submitPollBallot(
  deps: PollsDeps,
  actor: Actor,
  pollId: string,
  body: PollBallotBody,
): Promise<BallotReceipt> {
  return deps.db.transaction(async (tx) => {
    const poll = await repo.lockPollForBallot(tx, pollId);
    if (!poll) throw new AppError('not_found');
    const now = deps.clock.now();
    const state = pollState(poll, now);
    // A draft's id is known only to its organisers and to whoever they gave it: not open yet.
    if (state === 'draft' || state === 'upcoming') throw new AppError('poll_not_open');
    if (state === 'closed') throw new AppError('poll_closed');
    const outside = await audienceProblem(tx, actor, poll);
    if (outside) throw new AppError(outside.code, [outside.detail]);
    const questions = await repo.findQuestions(tx, pollId);
    const { problems, stored: answers } = checkBallot(questions, body.answers);
    if (problems.length > 0)
      throw new AppError(
        problems[0]!.code,
        problems.map((p) => p.detail),
      );
    const existing = await repo.findBallot(tx, pollId, actor.id);
    if (existing && !poll.ballotChangeable) throw new AppError('ballot_change_not_allowed');
    const stored = await repo.storeBallot(
      tx,
      { pollId, userId: actor.id, answers, at: now },
      poll.ballotChangeable,
    );
    // A concurrent first ballot of the same person won the race: without changes allowed, this one loses.
    if (!stored) throw new AppError('ballot_change_not_allowed');
    return { created: !existing, updatedAt: now.toISOString() };
  });
}
