import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as reportsRepo from '../reports/index.ts';
import { canView, factsOf, type ReportsDeps, viewReport } from '../reports/index.ts';
import type { ReportDetail } from '../reports/reports.schemas.ts';
import * as repo from './duplicates.repo.ts';
import { supportRefusal, withdrawRefusal } from './support.policy.ts';

type Change = 'support' | 'withdraw';

/**
 * "Me too": a resident backs someone else's open report. They become its follower (and hear its
 * public events), its priority rises by one, and the timeline says it was supported (by whom is
 * never shown). Withdrawing undoes exactly that. The report row is locked, like any command.
 */
export async function changeSupport(
  deps: ReportsDeps,
  actor: Actor,
  reportId: string,
  change: Change,
): Promise<ReportDetail> {
  const updated = await deps.db.transaction(async (tx) => {
    const row = await reportsRepo.findReport(tx, reportId, true);
    if (!row || !canView(factsOf(row), actor)) throw new AppError('report_not_found');
    const refusal = change === 'support' ? supportRefusal(row, actor) : withdrawRefusal(row, actor);
    if (refusal) throw new AppError(refusal);
    const now = deps.clock.now();
    if (change === 'support') {
      if (!(await repo.addSupporter(tx, row.id, actor.id, now))) throw new AppError('already_supported');
    } else if (!(await repo.removeSupporter(tx, row.id, actor.id))) throw new AppError('not_supported');
    await repo.addPriority(tx, row.id, change === 'support' ? 1 : -1);
    await reportsRepo.insertEvents(tx, [
      {
        reportId: row.id,
        type: change === 'support' ? 'supported' : 'support_withdrawn',
        fromStatus: row.status,
        toStatus: row.status,
        actorId: actor.id,
        actorRole: actor.role,
        isPublic: true,
        payload: {},
        createdAt: now,
      },
    ]);
    await writeAudit(tx, {
      actor,
      action: change === 'support' ? 'report.support' : 'report.withdraw_support',
      entityType: 'report',
      entityId: row.id,
      at: now,
    });
    return reportsRepo.findReport(tx, row.id);
  });
  return viewReport(deps, actor, updated!);
}
