import type { Executor } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import type { MatrixQuery } from './analytics.schemas.ts';
import * as repo from './matrix.repo.ts';
import { requireAnalyst } from './spikes.service.ts';
import { resolvePeriod } from './summary.service.ts';

/**
 * Recurrence score of a cell (docs/analytics.md "Systemic problems"): every report counts once, and
 * each sign that the problem comes back counts again — a merged duplicate, a disputed answer, a
 * redirect, a report at a place already reported.
 */
export function recurrenceScore(c: Omit<repo.MatrixCellRow, 'categoryId' | 'territoryId'>): number {
  return c.reports + 2 * c.merged + 3 * c.disputed + 2 * c.redirected + 2 * c.samePlace;
}

export async function getMatrix(exec: Executor, actor: Actor | null, q: MatrixQuery, now: Date) {
  requireAnalyst(actor);
  const period = resolvePeriod(q, now);
  const cells = await repo.matrixCells(exec, period, q);
  const scored = cells
    .map((c) => ({ ...c, score: recurrenceScore(c) }))
    .sort((a, b) => b.score - a.score || b.reports - a.reports || a.categoryId.localeCompare(b.categoryId));
  return { ...period, cells: scored.slice(0, q.limit) };
}

export async function getCellReports(
  exec: Executor,
  actor: Actor | null,
  q: MatrixQuery & { categoryId: string; territoryId: string },
  now: Date,
) {
  requireAnalyst(actor);
  const period = resolvePeriod(q, now);
  const items = await repo.cellReports(exec, period, q.categoryId, q.territoryId, 500);
  if (!items.length) throw new AppError('analytics_cell_not_found');
  return { ...period, items };
}
