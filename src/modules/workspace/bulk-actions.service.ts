import { AppError, type Locale, localisedMessage } from '../../lib/errors.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import { type ReportsDeps, runAction } from '../reports/index.ts';
import type { BulkActionInput, BulkResult } from './workspace.schemas.ts';

/**
 * Runs one action over many reports (docs/staff-workspace.md). Each report goes through the very
 * action command a single click runs (runAction: visibility, role and scope, status machine, its own
 * transaction), one after another, so one refusal does not undo the others: the result says, report
 * by report, what happened and why a report was refused.
 */
export async function runBulkAction(
  deps: ReportsDeps,
  actor: Actor,
  input: BulkActionInput,
  locale: Locale,
): Promise<BulkResult> {
  if (!isStaff(actor)) throw new AppError('forbidden');
  const results: BulkResult['results'] = [];
  for (const reportId of input.reportIds) {
    try {
      const report = await runOne(deps, actor, reportId, input);
      results.push({ reportId, ok: true, number: report.number, status: report.status, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({
        reportId,
        ok: false,
        number: null,
        status: null,
        error: { code: error.code, message: localisedMessage(error.code, locale) },
      });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

function runOne(deps: ReportsDeps, actor: Actor, reportId: string, input: BulkActionInput) {
  switch (input.action) {
    case 'accept':
      return runAction(deps, actor, reportId, 'accept', input.body);
    case 'assign':
      return runAction(deps, actor, reportId, 'assign', input.body);
    case 'start':
      return runAction(deps, actor, reportId, 'start', input.body);
  }
}
