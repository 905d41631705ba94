import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { audienceProblem, canManage, requireOrganiserOf, resultsPublic } from './participation.policy.ts';
import type { ListQuery } from './participation.schemas.ts';
import * as mediaRepo from './participation-media.repo.ts';
import {
  presentItem,
  presentVote,
  presentVoteSummary,
  type VoteAction,
  voteStage,
  voteState,
} from './vote.presenter.ts';
import * as repo from './votes.repo.ts';
import type { ItemBody, Vote, VoteBody, VoteItem, VoteSummary } from './votes.schemas.ts';

export type VotesDeps = { db: Db; clock: Clock };

export async function voteActionsFor(
  exec: Executor,
  actor: Actor | null,
  v: repo.VoteRow,
  now: Date,
): Promise<VoteAction[]> {
  const stage = voteStage(v, now);
  const actions: VoteAction[] = [];
  if (await canManage(exec, actor, v)) {
    if (stage !== 'voting' && stage !== 'closed') actions.push('moderate', 'add_item');
    actions.push('results');
    if (stage === 'closed' && !v.winnersPublishedAt) actions.push('publish_winners');
    return actions;
  }
  if (actor?.role === 'resident' && stage === 'proposals') actions.push('propose');
  if (actor?.role === 'resident' && stage === 'voting') actions.push('vote');
  if (resultsPublic(v.resultsVisibility, voteState(stage))) actions.push('results');
  return actions;
}

export async function loadVote(exec: Executor, id: string): Promise<repo.VoteRow> {
  const v = await repo.findVote(exec, id);
  if (!v) throw new AppError('not_found');
  return v;
}

export async function getVote(deps: VotesDeps, actor: Actor | null, id: string): Promise<Vote> {
  const v = await loadVote(deps.db, id);
  const now = deps.clock.now();
  const [items, myChoice, manager, actions] = await Promise.all([
    repo.findItems(deps.db, id),
    actor ? repo.findVoteBallot(deps.db, id, actor.id) : Promise.resolve(null),
    canManage(deps.db, actor, v),
    voteActionsFor(deps.db, actor, v, now),
  ]);
  // Unmoderated and refused proposals are shown to staff and to their authors only.
  const shown = items.filter(
    (i) => i.status === 'approved' || manager || (actor && i.proposedBy === actor.id),
  );
  return presentVote(
    v,
    shown.map((i) => presentItem(i, actor?.id ?? null)),
    myChoice,
    now,
    actions,
  );
}

export async function listVotes(
  deps: VotesDeps,
  actor: Actor | null,
  query: ListQuery,
): Promise<VoteSummary[]> {
  const rows = await repo.listVotes(deps.db, query.territoryId ? [query.territoryId] : undefined);
  const now = deps.clock.now();
  const out: VoteSummary[] = [];
  for (const v of rows) {
    const summary = presentVoteSummary(v, now, await voteActionsFor(deps.db, actor, v, now));
    if (!query.state || summary.state === query.state) out.push(summary);
  }
  return out;
}

export async function createVote(deps: VotesDeps, actor: Actor, body: VoteBody): Promise<Vote> {
  const id = await deps.db.transaction(async (tx) => {
    await requireOrganiserOf(tx, actor, body.audience.territoryIds);
    const now = deps.clock.now();
    const v = await repo.insertVote(tx, {
      title: body.title,
      description: body.description,
      audienceTerritoryIds: body.audience.territoryIds,
      verifiedOnly: body.audience.verifiedOnly,
      proposalsOpenAt: new Date(body.proposals.opensAt),
      proposalsCloseAt: new Date(body.proposals.closesAt),
      votingOpenAt: new Date(body.voting.opensAt),
      votingCloseAt: new Date(body.voting.closesAt),
      maxChoices: body.maxChoices,
      resultsVisibility: body.resultsVisibility,
      createdBy: actor.id,
      createdAt: now,
    });
    await writeAudit(tx, { actor, action: 'vote.create', entityType: 'vote', entityId: v.id, at: now });
    return v.id;
  });
  return getVote(deps, actor, id);
}

/**
 * Stage one for residents in the audience (a proposal, moderated); staff add approved items
 * (e.g. the road sections of the repair programme) until voting opens.
 */
export async function addItem(
  deps: VotesDeps,
  actor: Actor,
  voteId: string,
  body: ItemBody,
): Promise<VoteItem> {
  return deps.db.transaction(async (tx) => {
    const v = await loadVote(tx, voteId);
    const now = deps.clock.now();
    const stage = voteStage(v, now);
    const staff = await canManage(tx, actor, v);
    if (staff) {
      if (stage === 'voting' || stage === 'closed') throw new AppError('voting_started');
    } else {
      if (actor.role !== 'resident') throw new AppError('forbidden');
      if (stage !== 'proposals') throw new AppError('proposals_not_open');
      const outside = await audienceProblem(tx, actor, v);
      if (outside) throw new AppError(outside.code, [outside.detail]);
    }
    const foreign = await mediaRepo.unusableMedia(tx, body.photoIds, actor.id);
    if (foreign.length > 0)
      throw new AppError(
        'validation_failed',
        foreign.map((id) => ({ path: `photoIds.${body.photoIds.indexOf(id)}`, message: 'vmeste:invalid' })),
      );
    const item = await repo.insertItem(tx, {
      voteId,
      title: body.title,
      description: body.description,
      geometry: body.geometry,
      photoIds: body.photoIds,
      source: staff ? 'staff' : 'resident',
      proposedBy: actor.id,
      status: staff ? 'approved' : 'pending',
      createdAt: now,
    });
    // Staff items are approved at once, so their photos are public at once.
    await mediaRepo.attachItemPhotos(tx, item.id, body.photoIds, staff);
    await writeAudit(tx, {
      actor,
      action: staff ? 'vote.item_add' : 'vote.item_propose',
      entityType: 'vote_item',
      entityId: item.id,
      details: { voteId },
      at: now,
    });
    return presentItem(item, actor.id);
  });
}
