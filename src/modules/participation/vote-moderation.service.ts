import type { Executor } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { canManage } from './participation.policy.ts';
import * as mediaRepo from './participation-media.repo.ts';
import { presentItem, voteStage } from './vote.presenter.ts';
import * as repo from './votes.repo.ts';
import type { ModerationBody, VoteItem, WinnersBody } from './votes.schemas.ts';
import { loadVote, type VotesDeps } from './votes.service.ts';

/** After the winners are published, who is told (in-app and e-mail): the residents who voted. */
export type WinnersAnnouncer = {
  /** Records the news in the publishing transaction. */
  announce(
    exec: Executor,
    announcement: { voteId: string; title: string; userIds: string[]; at: Date },
  ): Promise<void>;
  /** After the commit: send it on its way (the e-mails). */
  afterCommit(): void;
};

/**
 * Approve, reject (with a reason the proposer sees) or merge a proposal into another item of the
 * same vote, until voting opens: a list that changes under the voters would not be fair.
 */
export async function moderateItem(
  deps: VotesDeps,
  actor: Actor,
  voteId: string,
  itemId: string,
  body: ModerationBody,
): Promise<VoteItem> {
  return deps.db.transaction(async (tx) => {
    const v = await loadVote(tx, voteId);
    if (!(await canManage(tx, actor, v))) throw new AppError('forbidden');
    const now = deps.clock.now();
    const stage = voteStage(v, now);
    if (stage === 'voting' || stage === 'closed') throw new AppError('voting_started');
    const item = await repo.lockItem(tx, voteId, itemId);
    if (!item) throw new AppError('not_found');
    if (body.decision === 'merge') {
      if (item.status !== 'pending' && item.status !== 'approved')
        throw new AppError('item_already_moderated');
      const target = body.mergeInto === itemId ? undefined : await repo.lockItem(tx, voteId, body.mergeInto);
      if (target?.status !== 'approved')
        throw new AppError('unknown_option', [{ path: 'mergeInto', message: 'vmeste:unknown_item' }]);
      await repo.updateItem(tx, itemId, {
        status: 'merged',
        mergedIntoId: target.id,
        moderatedBy: actor.id,
        moderatedAt: now,
      });
    } else {
      if (item.status !== 'pending') throw new AppError('item_already_moderated');
      await repo.updateItem(tx, itemId, {
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        rejectReason: body.decision === 'reject' ? body.reason : null,
        moderatedBy: actor.id,
        moderatedAt: now,
      });
    }
    await mediaRepo.setItemPhotosPublic(tx, itemId, body.decision === 'approve');
    await writeAudit(tx, {
      actor,
      action: `vote.item_${body.decision}`,
      entityType: 'vote_item',
      entityId: itemId,
      details: { voteId, ...(body.decision === 'merge' ? { mergeInto: body.mergeInto } : {}) },
      at: now,
    });
    const [updated] = (await repo.findItems(tx, voteId)).filter((i) => i.id === itemId);
    return presentItem(updated!, actor.id);
  });
}

/** Publishes the winners with the decision's text once voting has closed, and tells the voters. */
export async function publishWinners(
  deps: VotesDeps & { winners: WinnersAnnouncer },
  actor: Actor,
  voteId: string,
  body: WinnersBody,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const v = await repo.lockVote(tx, voteId);
    if (!v || !(await canManage(tx, actor, v))) throw new AppError('not_found');
    const now = deps.clock.now();
    if (voteStage(v, now) !== 'closed') throw new AppError('voting_not_closed');
    if (v.winnersPublishedAt) throw new AppError('winners_already_published');
    const unknown = await repo.unapprovedItems(tx, voteId, body.itemIds);
    if (unknown.length > 0)
      throw new AppError(
        'unknown_option',
        unknown.map((id) => ({
          path: `itemIds.${body.itemIds.indexOf(id)}`,
          message: 'unknown_option',
          code: 'unknown_option',
        })),
      );
    await repo.updateVote(tx, voteId, {
      winnerItemIds: body.itemIds,
      decision: body.decision,
      winnersPublishedAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: 'vote.publish_winners',
      entityType: 'vote',
      entityId: voteId,
      details: { itemIds: body.itemIds },
      at: now,
    });
    await deps.winners.announce(tx, {
      voteId,
      title: v.title,
      userIds: await repo.voterIds(tx, voteId),
      at: now,
    });
  });
  deps.winners.afterCommit();
}
