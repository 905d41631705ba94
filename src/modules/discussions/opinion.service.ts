import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { isInAudience } from './audience.ts';
import { canManage, canModerate } from './discussion.policy.ts';
import { effectiveStatus } from './discussion.presenter.ts';
import type { DiscussionsDeps } from './discussions.deps.ts';
import * as discussionsRepo from './discussions.repo.ts';
import { type OpinionMap, STATEMENT_MAX, type Statement, type VoteValue } from './discussions.schemas.ts';
import * as repo from './opinion.repo.ts';
import type { OpinionResult } from './opinion-map.compute.ts';

const VOTE_VALUE: Record<VoteValue, -1 | 0 | 1> = { agree: 1, disagree: -1, pass: 0 };

function presentStatement(s: repo.StatementRow, actor: Actor | null): Statement {
  return {
    id: s.id,
    discussionId: s.discussionId,
    text: s.text,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    isMine: actor?.id === s.authorId,
  };
}

async function mapDiscussion(deps: DiscussionsDeps, id: string) {
  const d = await discussionsRepo.findDiscussion(deps.db, id);
  if (!d) throw new AppError('discussion_not_found');
  if (!d.opinionMap) throw new AppError('opinion_map_disabled');
  return d;
}

/**
 * A participant submits a statement (at most 280 characters). Residents' statements wait for a
 * moderator; statements written by staff (the seed statements of a discussion) are approved at once.
 */
export async function submitStatement(
  deps: DiscussionsDeps,
  actor: Actor,
  discussionId: string,
  text: string,
): Promise<Statement> {
  const d = await mapDiscussion(deps, discussionId);
  const now = deps.clock.now();
  if (effectiveStatus(d, now) !== 'open') throw new AppError('discussion_closed');
  if ([...text].length > STATEMENT_MAX)
    throw new AppError('statement_too_long', [{ path: 'text', message: 'statement_too_long' }]);
  const staff = canManage(actor) || canModerate(actor);
  if (!staff && !(await isInAudience(deps.db, deps.audience, actor, d.territoryId)))
    throw new AppError('not_in_audience');
  const row = await deps.db.transaction(async (tx) => {
    const created = await repo.insertStatement(tx, {
      discussionId,
      authorId: actor.id,
      text,
      status: staff ? 'approved' : 'pending',
      createdAt: now,
      moderatedAt: staff ? now : null,
    });
    await writeAudit(tx, {
      actor,
      action: 'statement.create',
      entityType: 'opinion_statement',
      entityId: created.id,
      at: now,
    });
    return created;
  });
  return presentStatement(row, actor);
}

/** Approved statements for everyone; pending or rejected ones for moderators only. */
export async function listStatements(
  deps: DiscussionsDeps,
  actor: Actor | null,
  discussionId: string,
  status: Statement['status'],
): Promise<Statement[]> {
  await mapDiscussion(deps, discussionId);
  if (status !== 'approved' && !canModerate(actor)) throw new AppError('forbidden');
  return (await repo.listStatements(deps.db, discussionId, status)).map((s) => presentStatement(s, actor));
}

export async function moderateStatement(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
): Promise<Statement> {
  if (!canModerate(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const s = await repo.findStatement(tx, id, true);
    if (!s) throw new AppError('statement_not_found');
    if (s.status !== 'pending') throw new AppError('statement_already_moderated');
    const updated = await repo.setStatementStatus(
      tx,
      id,
      decision === 'approve' ? 'approved' : 'rejected',
      now,
    );
    await writeAudit(tx, {
      actor,
      action: `statement.${decision}`,
      entityType: 'opinion_statement',
      entityId: id,
      at: now,
    });
    return updated;
  });
  return presentStatement(row, actor);
}

/**
 * One vote per participant and statement (a new vote replaces the old). Kept to two reads and one
 * write: the opinion map itself is rebuilt by the job, never here.
 */
export async function vote(
  deps: DiscussionsDeps,
  actor: Actor,
  statementId: string,
  value: VoteValue,
): Promise<{ statementId: string; vote: VoteValue }> {
  const target = await repo.findVoteTarget(deps.db, statementId);
  if (!target) throw new AppError('statement_not_found');
  if (target.statementStatus !== 'approved') throw new AppError('statement_not_approved');
  const now = deps.clock.now();
  if (effectiveStatus(target, now) !== 'open') throw new AppError('discussion_closed');
  if (!(await isInAudience(deps.db, deps.audience, actor, target.territoryId)))
    throw new AppError('not_in_audience');
  await repo.upsertVote(deps.db, {
    statementId,
    discussionId: target.discussionId,
    userId: actor.id,
    vote: VOTE_VALUE[value],
    at: now,
  });
  deps.afterVote?.();
  return { statementId, vote: value };
}

export async function nextStatement(deps: DiscussionsDeps, actor: Actor, discussionId: string) {
  await mapDiscussion(deps, discussionId);
  const { next, remaining, voted } = await repo.nextStatement(deps.db, discussionId, actor.id);
  return { statement: next ? presentStatement(next, actor) : null, remaining, voted };
}

/** The stored result of the job, with statement ids in place of matrix columns. */
export type StoredMap = {
  participants: number;
  statementIds: string[];
  result: OpinionResult;
};

/** The last computed map (groups only from the minimum of participants), as the job left it. */
export async function getOpinionMap(deps: DiscussionsDeps, discussionId: string): Promise<OpinionMap> {
  const d = await mapDiscussion(deps, discussionId);
  const [row, approved] = await Promise.all([
    repo.findMap(deps.db, discussionId),
    repo.listStatements(deps.db, discussionId, 'approved'),
  ]);
  const statements = approved.map((s) => ({ id: s.id, text: s.text }));
  const stored = (row?.result ?? null) as StoredMap | null;
  if (!stored || !row?.computedAt)
    return {
      participants: await repo.countParticipants(deps.db, discussionId),
      computedAt: null,
      groups: [],
      consensus: [],
      points: [],
      statements,
      minParticipants: d.minParticipants,
    };
  const idOf = (j: number) => stored.statementIds[j]!;
  return {
    participants: stored.participants,
    computedAt: row.computedAt.toISOString(),
    groups: stored.result.groups.map((g) => ({
      id: g.id,
      size: g.size,
      representative: g.representative.map((r) => ({
        statementId: idOf(r.statement),
        agree: r.agree,
        disagree: r.disagree,
      })),
    })),
    consensus: stored.result.consensus.map((c) => ({ statementId: idOf(c.statement), agree: c.agree })),
    points: stored.result.points.filter((p) => p.group >= 0),
    statements,
    minParticipants: d.minParticipants,
  };
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quotes, separators and formula starters (=, +, -, @) are neutralised for spreadsheets.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Staff export: the statements with their tallies, or the participant × statement matrix with
 * participants numbered (never named): 1 agree, -1 disagree, 0 pass, empty not seen.
 */
export async function exportCsv(
  deps: DiscussionsDeps,
  actor: Actor,
  discussionId: string,
  what: 'statements' | 'matrix',
): Promise<string> {
  if (!canManage(actor) && actor.role !== 'analyst') throw new AppError('forbidden');
  await mapDiscussion(deps, discussionId);
  const statements = await repo.listStatements(deps.db, discussionId, 'approved');
  if (what === 'statements') {
    const tallies = new Map(
      (await repo.statementTallies(deps.db, discussionId)).map((t) => [t.statementId, t]),
    );
    const lines = ['statement_id,text,agree,disagree,pass'];
    for (const s of statements) {
      const t = tallies.get(s.id);
      lines.push([s.id, s.text, t?.agree ?? 0, t?.disagree ?? 0, t?.pass ?? 0].map(csvCell).join(','));
    }
    return `${lines.join('\n')}\n`;
  }
  const column = new Map(statements.map((s, j) => [s.id, j]));
  const votes = await repo.loadVotes(deps.db, discussionId);
  const lines = [['participant', ...statements.map((s) => s.id)].join(',')];
  let current: string | null = null;
  let cells: string[] = [];
  let n = 0;
  const flush = () => {
    if (current !== null) lines.push([`p${++n}`, ...cells].join(','));
  };
  for (const v of votes) {
    if (v.userId !== current) {
      flush();
      current = v.userId;
      cells = statements.map(() => '');
    }
    const j = column.get(v.statementId);
    if (j !== undefined) cells[j] = String(v.vote);
  }
  flush();
  return `${lines.join('\n')}\n`;
}
