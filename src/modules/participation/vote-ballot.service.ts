import { AppError } from '../../lib/errors.ts';
import type { TtlCache } from '../../lib/ttl-cache.ts';
import type { Actor } from '../identity/index.ts';
import { audienceProblem, canManage, resultsPublic } from './participation.policy.ts';
import { voteStage, voteState } from './vote.presenter.ts';
import * as repo from './votes.repo.ts';
import type { VoteBallotBody, VoteResults } from './votes.schemas.ts';
import { loadVote, type VotesDeps } from './votes.service.ts';

/**
 * Stores or replaces a resident's choice of up to N approved items while voting is open. The
 * statement itself checks the items and the unique (vote, resident) index settles concurrent
 * ballots of one person: the last one acknowledged is the one stored, never two.
 */
export async function submitVoteBallot(
  deps: VotesDeps & { votes?: TtlCache<repo.VoteRow> },
  actor: Actor,
  voteId: string,
  body: VoteBallotBody,
): Promise<{ created: boolean; itemIds: string[] }> {
  // A vote's stages, audience and N never change after creation, so in a rush each node reads the
  // vote once a minute rather than once a ballot.
  let v = deps.votes?.get(voteId);
  if (!v) {
    v = await loadVote(deps.db, voteId);
    deps.votes?.set(voteId, v);
  }
  const now = deps.clock.now();
  const stage = voteStage(v, now);
  if (stage === 'upcoming' || stage === 'proposals' || stage === 'review')
    throw new AppError('poll_not_open');
  if (stage === 'closed') throw new AppError('poll_closed');
  const outside = await audienceProblem(deps.db, actor, v);
  if (outside) throw new AppError(outside.code, [outside.detail]);
  if (body.itemIds.length > v.maxChoices)
    throw new AppError('too_many_choices', [
      { path: 'itemIds', message: 'too_many_choices', code: 'too_many_choices' },
      // Every problem at once: the unknown items too (a rare path, so the extra read is fine).
      ...unknownItemDetails(body.itemIds, await repo.unapprovedItems(deps.db, voteId, body.itemIds)),
    ]);
  const stored = await repo.upsertVoteBallot(deps.db, {
    voteId,
    userId: actor.id,
    itemIds: body.itemIds,
    at: now,
  });
  if (!stored)
    throw new AppError(
      'unknown_option',
      unknownItemDetails(body.itemIds, await repo.unapprovedItems(deps.db, voteId, body.itemIds)),
    );
  return { created: stored.created, itemIds: body.itemIds };
}

function unknownItemDetails(itemIds: string[], unknown: string[]) {
  return unknown.map((id) => ({
    path: `itemIds.${itemIds.indexOf(id)}`,
    message: 'unknown_option',
    code: 'unknown_option' as const,
  }));
}

export async function voteResults(
  deps: VotesDeps,
  actor: Actor | null,
  voteId: string,
): Promise<VoteResults> {
  const v = await loadVote(deps.db, voteId);
  const state = voteState(voteStage(v, deps.clock.now()));
  if (!(await canManage(deps.db, actor, v)) && !resultsPublic(v.resultsVisibility, state))
    throw new AppError('results_not_public');
  const [items, tally] = await Promise.all([
    repo.findItems(deps.db, voteId),
    repo.tallyVote(deps.db, voteId),
  ]);
  const ranked = items
    .filter((i) => i.status === 'approved')
    .map((i) => ({ itemId: i.id, title: i.title, count: tally.counts.get(i.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'ru'));
  // Standard competition ranking: equal counts share a rank, the next rank skips (1, 2, 2, 4).
  const out = ranked.map((r, i) => ({ ...r, rank: i + 1 }));
  for (let i = 1; i < out.length; i++)
    if (out[i]!.count === out[i - 1]!.count) out[i]!.rank = out[i - 1]!.rank;
  return { ballots: tally.ballots, items: out };
}
