import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { canManage, requireOrganiserOf, resultsPublic } from './participation.policy.ts';
import type { ListQuery, Poll, PollBody, PollSummary } from './participation.schemas.ts';
import * as mediaRepo from './participation-media.repo.ts';
import { type PollAction, pollState, presentPoll, presentPollSummary } from './poll.presenter.ts';
import * as repo from './polls.repo.ts';

export type PollsDeps = { db: Db; clock: Clock };

/** The questions of a body with fresh ids, `showIf` indexes turned into those ids. */
function questionsFromBody(body: PollBody): repo.NewQuestion[] {
  const withIds = body.questions.map((q) => ({
    q,
    id: randomUUID(),
    options: (q.options ?? []).map((o) => ({ id: randomUUID(), text: o.text })),
  }));
  return withIds.map(({ q, id, options }, position) => {
    const target = q.showIf ? withIds[q.showIf.question] : undefined;
    return {
      id,
      position,
      kind: q.kind,
      text: q.text,
      required: q.required,
      maxChoices: q.kind === 'multiple' ? (q.maxChoices ?? options.length) : null,
      scaleMin: q.kind === 'scale' ? (q.scale?.min ?? null) : null,
      scaleMax: q.kind === 'scale' ? (q.scale?.max ?? null) : null,
      showIfQuestionId: target?.id ?? null,
      showIfOptionIds: q.showIf && target ? q.showIf.options.map((i) => target.options[i]!.id) : null,
      options,
    };
  });
}

function pollValues(body: PollBody) {
  return {
    title: body.title,
    description: body.description,
    imageId: body.imageId,
    audienceTerritoryIds: body.audience.territoryIds,
    verifiedOnly: body.audience.verifiedOnly,
    opensAt: new Date(body.opensAt),
    closesAt: new Date(body.closesAt),
    ballotChangeable: body.ballotChangeable,
    resultsVisibility: body.resultsVisibility,
  };
}

/** What the caller may do with the poll, so the UI never re-implements the rules. */
export async function pollActions(
  exec: Executor,
  actor: Actor | null,
  row: repo.PollRow,
  now: Date,
  hasBallot: boolean,
): Promise<PollAction[]> {
  const state = pollState(row, now);
  const actions: PollAction[] = [];
  const manager = await canManage(exec, actor, row);
  if (manager) {
    if (state === 'draft' || state === 'upcoming') actions.push('edit');
    if (state === 'draft') actions.push('publish');
    actions.push('results', 'export');
    return actions;
  }
  if (actor?.role === 'resident' && state === 'open' && (!hasBallot || row.ballotChangeable))
    actions.push('vote');
  if (resultsPublic(row.resultsVisibility, state)) actions.push('results');
  return actions;
}

/** The poll as the caller may see it; drafts only for their organisers, else 404. */
export async function loadVisiblePoll(
  exec: Executor,
  actor: Actor | null,
  id: string,
): Promise<{ row: repo.PollRow; manager: boolean }> {
  const row = await repo.findPoll(exec, id);
  if (!row) throw new AppError('not_found');
  const manager = await canManage(exec, actor, row);
  if (row.status === 'draft' && !manager) throw new AppError('not_found');
  return { row, manager };
}

export async function getPoll(deps: PollsDeps, actor: Actor | null, id: string): Promise<Poll> {
  const { row } = await loadVisiblePoll(deps.db, actor, id);
  const [questions, ballot] = await Promise.all([
    repo.findQuestions(deps.db, id),
    actor ? repo.findBallot(deps.db, id, actor.id) : Promise.resolve(undefined),
  ]);
  const now = deps.clock.now();
  const myBallot = ballot ? { answers: ballot.answers, updatedAt: ballot.updatedAt.toISOString() } : null;
  return presentPoll(
    row,
    questions,
    myBallot,
    now,
    await pollActions(deps.db, actor, row, now, Boolean(ballot)),
  );
}

/** The image must be the organiser's own upload (or the poll's image already), used nowhere else. */
async function requireUsableImage(
  exec: Executor,
  actor: Actor,
  imageId: string | null,
  poll: repo.PollRow | null,
): Promise<void> {
  if (!imageId || imageId === poll?.imageId) return;
  if ((await mediaRepo.unusableMedia(exec, [imageId], actor.id, poll?.id ?? null)).length > 0)
    throw new AppError('validation_failed', [{ path: 'imageId', message: 'vmeste:invalid' }]);
}

export async function createPoll(deps: PollsDeps, actor: Actor, body: PollBody): Promise<Poll> {
  const id = await deps.db.transaction(async (tx) => {
    await requireOrganiserOf(tx, actor, body.audience.territoryIds);
    await requireUsableImage(tx, actor, body.imageId, null);
    const now = deps.clock.now();
    const row = await repo.insertPoll(tx, {
      ...pollValues(body),
      status: 'draft',
      createdBy: actor.id,
      createdAt: now,
    });
    await mediaRepo.setPollImage(tx, row.id, body.imageId, false);
    await repo.replaceQuestions(tx, row.id, questionsFromBody(body));
    await writeAudit(tx, { actor, action: 'poll.create', entityType: 'poll', entityId: row.id, at: now });
    return row.id;
  });
  return getPoll(deps, actor, id);
}

/**
 * Replaces a poll's settings and questions. Once a ballot exists the questions are locked (the
 * poll row is locked first; a ballot's foreign key waits for it, so none slips in meanwhile).
 */
export async function updatePoll(deps: PollsDeps, actor: Actor, id: string, body: PollBody): Promise<Poll> {
  await deps.db.transaction(async (tx) => {
    const row = await repo.lockPollForUpdate(tx, id);
    if (!row || !(await canManage(tx, actor, row))) throw new AppError('not_found');
    await requireOrganiserOf(tx, actor, body.audience.territoryIds);
    await requireUsableImage(tx, actor, body.imageId, row);
    if ((await repo.countBallots(tx, id)) > 0)
      throw new AppError('questions_locked', [{ path: 'questions', message: 'questions_locked' }]);
    await repo.updatePoll(tx, id, pollValues(body));
    await mediaRepo.setPollImage(tx, id, body.imageId, row.status === 'published');
    await repo.replaceQuestions(tx, id, questionsFromBody(body));
    await writeAudit(tx, {
      actor,
      action: 'poll.update',
      entityType: 'poll',
      entityId: id,
      at: deps.clock.now(),
    });
  });
  return getPoll(deps, actor, id);
}

export async function publishPoll(deps: PollsDeps, actor: Actor, id: string): Promise<Poll> {
  await deps.db.transaction(async (tx) => {
    const row = await repo.lockPollForUpdate(tx, id);
    if (!row || !(await canManage(tx, actor, row))) throw new AppError('not_found');
    if (row.status !== 'draft') throw new AppError('poll_not_draft');
    const now = deps.clock.now();
    await repo.updatePoll(tx, id, { status: 'published', publishedAt: now });
    await mediaRepo.publishPollMedia(tx, id);
    await writeAudit(tx, { actor, action: 'poll.publish', entityType: 'poll', entityId: id, at: now });
  });
  return getPoll(deps, actor, id);
}

export async function listPolls(
  deps: PollsDeps,
  actor: Actor | null,
  query: ListQuery,
): Promise<PollSummary[]> {
  const rows = await repo.listPolls(deps.db, {
    includeDrafts: actor?.role === 'admin' || actor?.role === 'curator',
    territoryIds: query.territoryId ? [query.territoryId] : undefined,
  });
  const now = deps.clock.now();
  const out: PollSummary[] = [];
  for (const row of rows) {
    if (row.status === 'draft' && !(await canManage(deps.db, actor, row))) continue;
    const summary = presentPollSummary(row, now, await pollActions(deps.db, actor, row, now, false));
    if (query.state && summary.state !== query.state) continue;
    out.push(summary);
  }
  return out;
}
