import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import type { AnswerFlagRecord } from '../../db/schema/answer-quality.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import { flagReason } from './answer-flags.ts';
import { type AnswerUnderReview, assessAnswer } from './answer-heuristics.ts';
import type { AnswerQuality, OrganisationQuality, QualityQuery } from './answers.schemas.ts';
import { EarlierAnswers } from './earlier-answers.ts';
import * as repo from './quality.repo.ts';

/** The working answer as the action holds it: the checks need no second read of it. */
export type AnswerUnderCheck = {
  id: string;
  organisationId: string | null;
  text: string;
  result: AnswerUnderReview['result'];
  plannedDate: string | null;
  legalReason: string | null;
};

/** The flags of one answer as they are stored with it. */
export type AnswerCheck = { answerId: string; flags: AnswerFlagRecord[]; checkedAt: Date };

/**
 * Runs the non-answer heuristics on the working answer of a report. Called in the transaction of
 * 'submit-answer', so the reviewer always sees the flags of the very text under review. What they
 * compare with (the answers published since the node's copy was last brought up to date, usually
 * none) comes with the action's locked read when it could be asked for there — for the acting
 * operator's organisation — and is read here otherwise. The caller stores the flags with the
 * action's own writes.
 */
export async function assessAnswerCheck(
  exec: Executor,
  a: { reportId: string; answer: AnswerUnderCheck; now: Date },
  earlier: EarlierAnswers,
  prefetched?: PrefetchedFacts,
): Promise<AnswerCheck> {
  const { answer } = a;
  // Usable when read for this very answer and its organisation (a report redirected since it was
  // drafted is answered for the drafting organisation: read for that one).
  const facts =
    prefetched &&
    prefetched.organisationId === answer.organisationId &&
    prefetched.facts.workingAnswerId === answer.id
      ? prefetched.facts
      : await repo.answerCheckFacts(exec, {
          reportId: a.reportId,
          organisationId: answer.organisationId,
          since: earlier.readSince(answer.organisationId),
        });
  const flags = assessAnswer(
    {
      text: answer.text,
      result: answer.result,
      plannedDate: answer.plannedDate,
      legalReason: answer.legalReason,
      answerPhotoCount: facts.answerPhotoCount,
    },
    {
      earlier: earlier.compareWith(answer.organisationId, facts.published, a.reportId),
      disputed: facts.disputed,
    },
  );
  return { answerId: answer.id, flags, checkedAt: a.now };
}

/** The facts a locked read brought, for the organisation they were asked for. */
export type PrefetchedFacts = { organisationId: string | null; facts: repo.AnswerCheckFacts };

/**
 * What the action's locked read adds to bring the facts for an organisation: one more column (the
 * same text for every call: `r.id` is the locked report) and its placeholders' values.
 */
export type AnswerCheckColumn = { column: SQL; values: Record<string, unknown>; organisationId: string };

const lockedReportFacts: SQL = repo.answerCheckFactsJson(sql`r.id`);

/** Stores an answer's flags (where the action's writes go one statement at a time). */
export async function saveAnswerCheck(exec: Executor, check: AnswerCheck): Promise<void> {
  await repo.saveCheck(exec, check.answerId, check.flags, check.checkedAt);
}

/** A redrafted answer is a new text: the old flags no longer describe it. */
export async function forgetCheck(exec: Executor, answerId: string): Promise<void> {
  await repo.deleteCheck(exec, answerId);
}

/**
 * The checks as the reports service uses them, with this node's copy of the organisations' earlier
 * answers (one per app: it belongs to one database).
 */
export function answerQualityChecks() {
  const earlier = new EarlierAnswers();
  return {
    /** The column that brings the facts with the action's locked read, for the acting organisation. */
    factsColumn: (organisationId: string): AnswerCheckColumn => ({
      column: lockedReportFacts,
      values: repo.answerCheckFactsValues(organisationId, earlier.readSince(organisationId)),
      organisationId,
    }),
    assess: (
      exec: Executor,
      a: { reportId: string; answer: AnswerUnderCheck; now: Date },
      prefetched?: { organisationId: string; raw: unknown },
    ) =>
      assessAnswerCheck(
        exec,
        a,
        earlier,
        prefetched
          ? { organisationId: prefetched.organisationId, facts: repo.decodeAnswerCheckFacts(prefetched.raw) }
          : undefined,
      ),
    save: saveAnswerCheck,
    forget: forgetCheck,
    present: presentAnswerQuality,
  };
}

/** Stored flags with their reasons, for staff who handle the answer (the caller checks that). */
export function presentAnswerQuality(check: { flags: unknown[]; checkedAt: Date }): AnswerQuality {
  return {
    checkedAt: check.checkedAt.toISOString(),
    flags: check.flags.map((f) => {
      const flag = f as Parameters<typeof flagReason>[0];
      return {
        code: flag.code,
        reason: flagReason(flag),
        reportNumbers: flag.reportNumbers ?? [],
        similarity: flag.similarity ?? null,
      };
    }),
  };
}

// ---- dispute rate ---------------------------------------------------------------------------------

export type QualityDeps = { db: Executor; clock: Clock };

const REGION_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar day in the region (Moscow time) → its first instant. */
const regionDayStart = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - REGION_OFFSET_MS);

/**
 * The dispute rate is a staff figure (for analytics and the staff workspace); residents see
 * published answers, not organisations' statistics.
 */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new AppError('forbidden');
}

function present(r: repo.OrganisationQualityRow): OrganisationQuality {
  return {
    organisation: { id: r.id, name: { ru: r.nameRu, en: r.nameEn } },
    answeredReports: r.answeredReports,
    disputedReports: r.disputedReports,
    disputeRate: r.answeredReports > 0 ? r.disputedReports / r.answeredReports : null,
    publishedAnswers: r.publishedAnswers,
    flaggedAnswers: r.flaggedAnswers,
  };
}

function period(q: QualityQuery) {
  return {
    ...(q.from ? { from: regionDayStart(q.from) } : {}),
    // `to` is inclusive: up to the end of that day.
    ...(q.to ? { to: new Date(regionDayStart(q.to).getTime() + DAY_MS) } : {}),
  };
}

export async function organisationQuality(
  deps: QualityDeps,
  actor: Actor,
  organisationId: string,
  q: QualityQuery,
): Promise<OrganisationQuality> {
  requireStaff(actor);
  const [row] = await repo.organisationQuality(deps.db, { organisationId, ...period(q) });
  if (!row) throw new AppError('not_found', [{ path: 'id', message: 'unknown_organisation' }]);
  return present(row);
}

export async function allOrganisationsQuality(
  deps: QualityDeps,
  actor: Actor,
  q: QualityQuery,
): Promise<OrganisationQuality[]> {
  requireStaff(actor);
  return (await repo.organisationQuality(deps.db, period(q))).map(present);
}
