import type { Db } from '../../db/connection.ts';
import {
  type DemoReportPlan,
  type DemoReportState,
  generateDemoReports,
} from '../../demo/report-generator.ts';
import { DEMO_EMAIL_DOMAIN } from '../../demo/users.ts';
import { fixedClock } from '../../lib/clock.ts';
import { answerQualityChecks } from '../../modules/answers/index.ts';
import { CalendarStore } from '../../modules/calendar/index.ts';
import { type Actor, findUserByEmail, presentActor } from '../../modules/identity/index.ts';
import { createReport, type ReportsDeps, runAction } from '../../modules/reports/index.ts';
import type { ReportAction } from '../../modules/reports/report-states.ts';
import type { ActionBodies } from '../../modules/reports/reports.schemas.ts';
import type { AppConfig } from '../../server/config.ts';
import type { ReferenceIds } from './reference.ts';

/** The operator account that answers for an organisation in the demo (created by seedReference). */
export function seedOperatorEmail(organisationCode: string): string {
  return `operator.${organisationCode}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * On the embedded database a query never waits on I/O, so the whole seed would be one chain of
 * already-resolved promises and a server started beside it (serve) could not answer a request until
 * the end. A turn of the event loop before every step lets requests in between; a static file takes
 * a few turns (stat, open, read), so one turn per report would delay each page by several reports.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type Cast = {
  moderator: Actor;
  curator: Actor;
  authorOf: (plan: DemoReportPlan) => Actor;
  operatorOf: (organisationCode: string) => Actor;
};

/**
 * Carries out the generated plans through the real services (the same commands a person would run),
 * each step at its planned time, so the demo timelines, events, deadlines and audit rows are real.
 */
export async function seedDemoReports(
  db: Db,
  ids: ReferenceIds,
  config: Pick<AppConfig, 'disputeWindowDays' | 'regionToleranceMeters'>,
  options: { count: number; now: Date; onProgress?: (done: number, total: number) => void },
): Promise<{ created: number; byState: Record<string, number> }> {
  const plans = generateDemoReports({ count: options.count, now: options.now });
  const clock = fixedClock(options.now);
  // Answers go to review with their quality flags, as in the running app (answer quality).
  // Answers go to review with their quality flags, as in the running app; one calendar read for the
  // whole seed, not one per routed report.
  const deps: ReportsDeps = {
    db,
    clock,
    config,
    answerQuality: answerQualityChecks(),
    calendar: new CalendarStore(),
  };
  const cast = await loadCast(db, ids);
  const byState: Record<string, number> = {};
  for (const [i, plan] of plans.entries()) {
    const final = await carryOut(deps, clock, cast, ids, plan);
    byState[final] = (byState[final] ?? 0) + 1;
    options.onProgress?.(i + 1, plans.length);
  }
  return { created: plans.length, byState };
}

async function actorByEmail(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`demo user ${email} is missing`);
  return presentActor(user);
}

async function loadCast(db: Db, ids: ReferenceIds): Promise<Cast> {
  const residents = new Map<string, Actor>();
  const operators = new Map<string, Actor>();
  const moderator = await actorByEmail(db, 'moderator@demo.vmeste.local');
  const curator = await actorByEmail(db, 'curator@demo.vmeste.local');
  for (const [code] of ids.organisations)
    operators.set(code, await actorByEmail(db, seedOperatorEmail(code)));
  for (const [email, id] of ids.users) {
    const user = await findUserByEmail(db, email);
    if (user?.role === 'resident') residents.set(email, presentActor({ ...user, id }));
  }
  return {
    moderator,
    curator,
    authorOf: (plan) => {
      const a = residents.get(plan.authorEmail);
      if (!a) throw new Error(`demo resident ${plan.authorEmail} is missing`);
      return a;
    },
    operatorOf: (code) => {
      const a = operators.get(code);
      if (!a) throw new Error(`no operator for ${code}`);
      return a;
    },
  };
}

async function carryOut(
  deps: ReportsDeps,
  clock: ReturnType<typeof fixedClock>,
  cast: Cast,
  ids: ReferenceIds,
  plan: DemoReportPlan,
): Promise<DemoReportState | string> {
  const author = cast.authorOf(plan);
  const [first, ...rest] = plan.steps;
  clock.set(first!.at);
  await nextTurn();
  const { report } = await createReport(
    deps,
    author,
    {
      categoryId: ids.categories.get(plan.categoryCode)!,
      text: plan.text,
      lat: plan.lat,
      lon: plan.lon,
      address: plan.address,
      mediaIds: [],
      isPublic: plan.isPublic,
      kind: 'report',
    },
    plan.key,
  );
  let status: string = report.status;
  const run = async <A extends ReportAction>(actor: Actor, action: A, body: ActionBodies[A]) => {
    await nextTurn();
    try {
      status = (await runAction(deps, actor, report.id, action, body)).status;
    } catch (err) {
      const path = plan.steps.map((s) => s.state).join(' → ');
      throw new Error(`demo plan ${plan.key} (${path}): ${action} failed in status ${status}`, {
        cause: err,
      });
    }
  };
  const operator = () => cast.operatorOf(plan.organisationCode!);
  let rated = false;
  for (const step of rest) {
    clock.set(step.at);
    switch (step.state) {
      case 'clarification_requested':
        await run(cast.moderator, 'request-clarification', {
          question: plan.clarificationQuestion ?? 'Уточните, пожалуйста, адрес.',
        });
        break;
      case 'submitted':
        await run(author, 'clarify', {
          answer: plan.clarificationAnswer ?? 'Уточняю: у дома со стороны двора.',
        });
        break;
      case 'rejected':
        await run(cast.moderator, 'reject', {
          reason: plan.rejectReason ?? 'Сообщение не содержит описания проблемы.',
        });
        break;
      case 'accepted':
        await run(cast.moderator, 'accept', {});
        break;
      case 'assigned':
        if (status === 'accepted')
          await run(cast.curator, 'assign', {
            organisationId: ids.organisations.get(plan.organisationCode!)!,
          });
        break;
      case 'in_progress':
        await run(operator(), 'start', {});
        break;
      case 'answer_drafted':
        await run(operator(), 'draft-answer', { ...plan.answer!, mediaIds: [] });
        break;
      case 'answer_review':
        await run(operator(), 'submit-answer', {});
        break;
      case 'answered':
        await run(cast.moderator, 'publish-answer', {});
        break;
      case 'resolved':
        await run(author, 'rate', { score: plan.rating?.score ?? 5, solved: true });
        rated = true;
        break;
      case 'disputed':
        if (!rated) await run(author, 'rate', { score: plan.rating?.score ?? 2, solved: false });
        await run(author, 'dispute', { comment: plan.disputeComment ?? 'Проблема не решена.', mediaIds: [] });
        break;
      case 'reopened':
        await run(cast.curator, 'reopen', {});
        break;
      case 'closed':
        await run(cast.curator, 'close', {
          reason: 'Работы выполнены в рамках плановой программы, сообщение закрыто.',
        });
        break;
    }
  }
  return status;
}
