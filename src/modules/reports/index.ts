/**
 * Reports: filing (intake), reading, listing and the action workflow. The public entry of the module:
 * other modules, the server, the jobs and the CLI import only this file (and the shared
 * `reports.schemas.ts` / `report-states.ts`). The repositories stay private: the few report reads and
 * writes other modules make inside their own transactions go through the facades at the end.
 */
import * as repo from './reports.repo.ts';

export { closeUnratedAnswers } from './auto-close.service.ts';
export { closeUnansweredClarifications } from './clarification-timeout.service.ts';
export { IntakeBatcher } from './intake.batcher.ts';
export {
  canSeeAnswerDraft,
  canView,
  inCuratorScope,
  isAuthor,
  isPubliclyVisible,
  type ReportFacts,
  roleAllows,
  staffOnlyEvents,
} from './report.policy.ts';
export { factsOf } from './report.presenter.ts';
export { runAction } from './report-actions.service.ts';
export { type CreateResult, createReport } from './report-create.service.ts';
export { encodeCursor, listReports, visibilityFor } from './report-list.service.ts';
export { getReport, listEvents, loadVisibleReport, viewReport } from './report-read.service.ts';
export type { ReportsDeps } from './reports.deps.ts';
export type { ReportRow, Visibility } from './reports.repo.ts';
export { reportRoutes } from './reports.routes.ts';

/** A report as stored, optionally locked for update in the caller's transaction (no visibility check). */
export function findReport(...args: Parameters<typeof repo.findReport>): ReturnType<typeof repo.findReport> {
  return repo.findReport(...args);
}

/** Appends timeline events (e.g. a merge or a support) in the caller's transaction. */
export function insertEvents(...args: Parameters<typeof repo.insertEvents>): Promise<void> {
  return repo.insertEvents(...args);
}

/** Changes stored report fields (e.g. `updatedAt` after a merge) in the caller's transaction. */
export function updateReport(...args: Parameters<typeof repo.updateReport>): Promise<void> {
  return repo.updateReport(...args);
}

/** The SQL condition "this actor may see the report `r`", for other modules' queries over reports. */
export function visibilitySql(
  ...args: Parameters<typeof repo.visibilitySql>
): ReturnType<typeof repo.visibilitySql> {
  return repo.visibilitySql(...args);
}
