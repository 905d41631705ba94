import type { Db } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import type { ApiClientAuth } from '../api-keys/api-keys.service.ts';
import { runAction } from '../reports/report-actions.service.ts';
import type { ReportAction } from '../reports/report-states.ts';
import type { ReportsDeps } from '../reports/reports.deps.ts';
import * as reportsRepo from '../reports/reports.repo.ts';
import type { ReportDetail } from '../reports/reports.schemas.ts';
import type { InboundAnswer } from './inbound.schemas.ts';

/** What an organisation's system reports: work has started, or here is the answer. */
export type InboundUpdate = { kind: 'start' } | ({ kind: 'answer' } & InboundAnswer);

const startable = ['assigned', 'reopened'];

/**
 * Applies an organisation's update to one of its reports as the sequence of ordinary actions it
 * stands for (start; draft → submit → publish), run by the client's service user — an operator of
 * the organisation, so the policy and the status machine decide exactly as for a person. The whole
 * sequence is one transaction (each action a savepoint inside it): a refusal at any step leaves the
 * report as it was. `afterwards` runs in the same transaction (e.g. recording the external update id).
 */
export async function applyOrganisationUpdate<T = void>(
  deps: ReportsDeps,
  auth: ApiClientAuth,
  reportId: string,
  update: InboundUpdate,
  afterwards?: (tx: Db, report: ReportDetail) => Promise<T>,
): Promise<{ report: ReportDetail; extra: T | undefined }> {
  if (!auth.organisationId) throw new AppError('api_key_not_scoped');
  const actor = auth.actor;
  return deps.db.transaction(async (tx) => {
    // runAction opens a transaction of its own; over the outer one it becomes a savepoint.
    const inner: ReportsDeps = { ...deps, db: tx as unknown as Db, intake: undefined };
    const row = await reportsRepo.findReport(tx, reportId, true);
    if (!row) throw new AppError('report_not_found');
    const steps: { action: ReportAction; body: unknown }[] = [];
    if (update.kind === 'start' || startable.includes(row.status)) steps.push({ action: 'start', body: {} });
    if (update.kind === 'answer') {
      steps.push({
        action: 'draft-answer',
        body: {
          text: update.text,
          result: update.result,
          plannedDate: update.plannedDate,
          legalReason: update.legalReason,
          mediaIds: [],
        },
      });
      if (update.stage !== 'draft') steps.push({ action: 'submit-answer', body: {} });
      if (update.stage === 'publish') steps.push({ action: 'publish-answer', body: {} });
    }
    let report: ReportDetail | undefined;
    for (const step of steps)
      report = await runAction(inner, actor, reportId, step.action, step.body as never);
    const extra = afterwards ? await afterwards(tx as unknown as Db, report!) : undefined;
    return { report: report!, extra };
  });
}
