import { renderMarkdown } from '../../lib/markdown.ts';
import { mediaUrls } from '../media/index.ts';
import type { ParticipationState } from './participation.schemas.ts';
import type { VoteItemRow, VoteRow } from './votes.repo.ts';
import type { Vote, VoteItem, VoteSummary, voteActions, voteStages } from './votes.schemas.ts';

export type VoteStage = (typeof voteStages)[number];
export type VoteAction = (typeof voteActions)[number];

export function voteStage(v: VoteRow, now: Date): VoteStage {
  if (now < v.proposalsOpenAt) return 'upcoming';
  if (now < v.proposalsCloseAt) return 'proposals';
  if (now < v.votingOpenAt) return 'review';
  if (now < v.votingCloseAt) return 'voting';
  return 'closed';
}

export function voteState(stage: VoteStage): Exclude<ParticipationState, 'draft'> {
  if (stage === 'upcoming') return 'upcoming';
  return stage === 'closed' ? 'closed' : 'open';
}

export function presentItem(i: VoteItemRow, callerId: string | null): VoteItem {
  return {
    id: i.id,
    title: i.title,
    descriptionHtml: renderMarkdown(i.description),
    geometry: i.geometry,
    photos: i.photoIds.map((id) => ({ id, ...mediaUrls(id) })),
    source: i.source,
    status: i.status,
    rejectReason: i.rejectReason,
    mergedIntoId: i.mergedIntoId,
    mine: callerId !== null && i.proposedBy === callerId,
  };
}

export function presentVoteSummary(v: VoteRow, now: Date, actions: VoteAction[]): VoteSummary {
  const stage = voteStage(v, now);
  return {
    id: v.id,
    title: v.title,
    descriptionHtml: renderMarkdown(v.description),
    audience: { territoryIds: v.audienceTerritoryIds, verifiedOnly: v.verifiedOnly },
    proposals: { opensAt: v.proposalsOpenAt.toISOString(), closesAt: v.proposalsCloseAt.toISOString() },
    voting: { opensAt: v.votingOpenAt.toISOString(), closesAt: v.votingCloseAt.toISOString() },
    maxChoices: v.maxChoices,
    resultsVisibility: v.resultsVisibility,
    stage,
    state: voteState(stage),
    winners:
      v.winnersPublishedAt && v.winnerItemIds
        ? {
            itemIds: v.winnerItemIds,
            decisionHtml: renderMarkdown(v.decision ?? ''),
            publishedAt: v.winnersPublishedAt.toISOString(),
          }
        : null,
    allowedActions: actions,
  };
}

export function presentVote(
  v: VoteRow,
  items: VoteItem[],
  myChoice: string[] | null,
  now: Date,
  actions: VoteAction[],
): Vote {
  return { ...presentVoteSummary(v, now, actions), items, myChoice };
}
