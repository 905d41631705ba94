import { checkAnswer, forgetCheck, loadAnswerQuality } from '../modules/answers/quality.service.ts';
import {
  proposeOrganisation,
  recordCategoryCorrection,
  recordOrganisationCorrection,
} from '../modules/classifier/classifier.service.ts';
import { findSimilarReports } from '../modules/duplicates/similar.service.ts';
import { notificationsRuntime } from '../modules/notifications/runtime.ts';
import { IntakeBatcher } from '../modules/reports/intake.batcher.ts';
import type { ReportsDeps } from '../modules/reports/reports.deps.ts';
import type { AppContext } from './context.ts';

/**
 * The reports service with its collaborators wired in: the classifier advises routing where the rule
 * table cannot decide, and staff corrections feed its training labels. Composition lives here so
 * that the reports module does not depend on the classifier.
 */
export function reportsDeps(ctx: AppContext): ReportsDeps {
  const advice = { store: ctx.classifier, routingThreshold: ctx.config.classifierRoutingThreshold };
  return {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    intake: new IntakeBatcher(ctx.db, ctx.config.regionToleranceMeters),
    routingAdvisor: (exec, report) => proposeOrganisation(advice, exec, report),
    recordCorrection: recordOrganisationCorrection,
    recordCategoryCorrection,
    // answer quality: non-answer flags computed at submission, shown to the reviewer
    answerQuality: { check: checkAnswer, forget: forgetCheck, load: loadAnswerQuality },
    calendar: ctx.calendar,
    // Duplicates: the answer to filing a report lists open reports that look like it.
    findSimilar: (actor, report) =>
      findSimilarReports({ db: ctx.db, config: ctx.config }, actor, { ...report, excludeId: report.id }),
    // ---- notifications: live pages look at once, the dispatcher runs soon ----
    onEventsCommitted: () => notificationsRuntime(ctx).afterCommit(),
  };
}
