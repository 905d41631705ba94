import { answerQualityChecks } from '../modules/answers/index.ts';
import {
  proposeOrganisation,
  recordCategoryCorrection,
  recordOrganisationCorrection,
} from '../modules/classifier/index.ts';
import { findSimilarReports, similarBatch } from '../modules/duplicates/index.ts';
import { notificationsRuntime, notifyPeople } from '../modules/notifications/index.ts';
import type { WinnersAnnouncer } from '../modules/participation/index.ts';
import { regionSettings } from '../modules/reference/index.ts';
import { IntakeBatcher, type ReportsDeps } from '../modules/reports/index.ts';
import type { AppContext } from './context.ts';

const builtReportsDeps = new WeakMap<AppContext, ReportsDeps>();

/**
 * The reports service with its collaborators wired in: the classifier advises routing where the rule
 * table cannot decide, and staff corrections feed its training labels. Composition lives here so
 * that the reports module does not depend on the classifier. Built once per application: the routes
 * and the jobs share its intake batcher and the answer checks' cache of earlier answers.
 */
export function reportsDeps(ctx: AppContext): ReportsDeps {
  let deps = builtReportsDeps.get(ctx);
  if (!deps) {
    deps = buildReportsDeps(ctx);
    builtReportsDeps.set(ctx, deps);
  }
  return deps;
}

function buildReportsDeps(ctx: AppContext): ReportsDeps {
  const advice = { store: ctx.classifier, routingThreshold: ctx.config.classifierRoutingThreshold };
  const similar = { db: ctx.db, config: ctx.config, batch: similarBatch(ctx.db) };
  return {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    // Citus never router-plans an INSERT CTE: there an action writes one statement at a time.
    oneStatementWrites: !ctx.citus,
    intake: new IntakeBatcher(
      ctx.db,
      async () => (await regionSettings(ctx.db, ctx.config)).nearestDistrictToleranceMeters,
    ),
    routingAdvisor: (exec, report) => proposeOrganisation(advice, exec, report),
    recordCorrection: recordOrganisationCorrection,
    recordCategoryCorrection,
    // Non-answer flags are computed when an answer is submitted and shown to the reviewer.
    answerQuality: answerQualityChecks(),
    calendar: ctx.calendar,
    // Duplicates: the answer to filing a report lists open reports that look like it.
    findSimilar: (actor, report) => findSimilarReports(similar, actor, { ...report, excludeId: report.id }),
    // After a commit, live pages look for changes at once and the notification dispatcher runs soon.
    onEventsCommitted: () => notificationsRuntime(ctx).afterCommit(),
  };
}

/**
 * Publishing a vote's winners tells the residents who voted, in-app and by e-mail, through the
 * notifications module (wired here so that participation does not depend on it).
 */
export function winnersAnnouncer(ctx: AppContext): WinnersAnnouncer {
  return {
    announce: async (exec, a) => {
      await notifyPeople(exec, Boolean(ctx.config.smtpUrl), {
        topic: 'vote_winners',
        subjectId: a.voteId,
        subjectTitle: a.title,
        userIds: a.userIds,
        at: a.at,
      });
    },
    // The e-mails go out with the dispatcher's run, kicked now rather than at the next minute.
    afterCommit: () => notificationsRuntime(ctx).afterCommit(),
  };
}
