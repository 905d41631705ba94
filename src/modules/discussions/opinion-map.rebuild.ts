import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import * as discussionsRepo from './discussions.repo.ts';
import * as repo from './opinion.repo.ts';
import type { StoredMap } from './opinion.service.ts';
import { computeOpinionMap, type OpinionResult, type VoteCell } from './opinion-map.compute.ts';
import { computeInWorker, type MatrixTransfer } from './opinion-map.runner.ts';

/** The queue of the rebuild job (src/jobs/opinion-map.job.ts); votes wake it through `opinionMapKicker`. */
export const OPINION_MAP_QUEUE = 'opinion-map';

export type RebuildDeps = {
  db: Db;
  clock: Clock;
  /** Run the linear algebra in a worker thread (the server); tests may compute inline. */
  inWorker: boolean;
  /** A discussion's map is rebuilt at most this often while votes arrive (default one minute). */
  intervalMs?: number;
};

/** The votes of a discussion as the matrix the computation takes (participants and statements numbered). */
export async function loadMatrix(
  db: Db,
  discussionId: string,
  minParticipants: number,
): Promise<{ matrix: MatrixTransfer; statementIds: string[] }> {
  const statements = await repo.listStatements(db, discussionId, 'approved');
  const column = new Map(statements.map((s, j) => [s.id, j]));
  const votes = await repo.loadVotes(db, discussionId);
  const row = new Map<string, number>();
  const participantIdx = new Int32Array(votes.length);
  const statementIdx = new Int32Array(votes.length);
  const vote = new Int8Array(votes.length);
  votes.forEach((v, k) => {
    let i = row.get(v.userId);
    if (i === undefined) {
      i = row.size;
      row.set(v.userId, i);
    }
    participantIdx[k] = i;
    statementIdx[k] = column.get(v.statementId)!;
    vote[k] = v.vote;
  });
  return {
    matrix: {
      participants: row.size,
      statements: statements.length,
      participantIdx,
      statementIdx,
      vote,
      minParticipants,
    },
    statementIds: statements.map((s) => s.id),
  };
}

function computeInline(m: MatrixTransfer): OpinionResult {
  return computeOpinionMap({
    participants: m.participants,
    statements: m.statements,
    minParticipants: m.minParticipants,
    votes: Array.from(m.participantIdx, (p, k) => ({
      participant: p,
      statement: m.statementIdx[k]!,
      vote: m.vote[k]! as VoteCell,
    })),
  });
}

/** Rebuilds one discussion's map from its votes as they are now. */
export async function rebuildOpinionMap(deps: RebuildDeps, discussionId: string): Promise<void> {
  const d = await discussionsRepo.findDiscussion(deps.db, discussionId);
  if (!d) return;
  // Votes after this read make the map stale again (their seq passes computed_seq).
  const snapshotAt = deps.clock.now();
  const computedSeq = await repo.lastVoteSeq(deps.db, discussionId);
  const { matrix, statementIds } = await loadMatrix(deps.db, discussionId, d.minParticipants);
  const result = deps.inWorker ? await computeInWorker(matrix) : computeInline(matrix);
  const stored: StoredMap = { participants: matrix.participants, statementIds, result };
  await repo.saveMap(deps.db, { discussionId, computedAt: snapshotAt, computedSeq, result: stored });
}

/**
 * The job's pass: every discussion with votes newer than its map, not rebuilt within the last
 * minute. Idempotent: a second run finds nothing stale.
 */
export async function rebuildStaleOpinionMaps(deps: RebuildDeps): Promise<number> {
  const stale = await repo.staleMaps(deps.db, deps.clock.now(), deps.intervalMs ?? 60_000);
  for (const { discussionId } of stale) await rebuildOpinionMap(deps, discussionId);
  return stale.length;
}

/**
 * What a vote calls so that the job runs soon rather than at the next minute's schedule: at most
 * one wake-up per interval from this node (a timer, so a burst of votes sends one job).
 */
export function opinionMapKicker(send: () => Promise<unknown>, intervalMs: number): () => void {
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      send().catch(() => {
        // The scheduled run (every minute) picks the map up anyway.
      });
    }, wait);
    timer.unref();
  };
}
