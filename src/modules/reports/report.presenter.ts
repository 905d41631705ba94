import { DAY_MS } from '../../lib/clock.ts';
import { coarsen, maskContacts } from '../../lib/privacy.ts';
import type { AnswerQuality } from '../answers/answers.schemas.ts';
import type { DuplicateFields } from '../duplicates/duplicates.schemas.ts';
import type { Actor } from '../identity/index.ts';
import { mediaUrls } from '../media/media.urls.ts';
import {
  allowedActions,
  canSeeAuthorData,
  disputeDeadline,
  isPubliclyVisible,
  type ReportFacts,
} from './report.policy.ts';
import { answerClockRuns } from './report-states.ts';
import type { AnswerRow, ReportRow } from './reports.repo.ts';
import type { Answer, Appellant, ReportDetail, ReportSummary } from './reports.schemas.ts';

export function factsOf(row: ReportRow, ratedCurrentAnswer = false): ReportFacts {
  return {
    status: row.status,
    kind: row.kind,
    authorId: row.authorId,
    isPublic: row.isPublic,
    organisationId: row.organisationId,
    territoryId: row.territoryId,
    territoryParentId: row.territoryParentId,
    answeredAt: row.answeredAt,
    ratedCurrentAnswer,
    assignmentBinding: row.assignmentBinding,
    dueAt: row.dueAt,
    deadlineExtended: row.deadlineExtendedAt !== null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The public face of a report: never the author's identity. The analyst reads a report that is not
 * public with the text's phone numbers and e-mail addresses masked, the point to about a kilometre
 * and no address (docs/security.md): analysis needs the subject, the place and the times, not the
 * person.
 *
 * One object literal with every field named, and dates compared as numbers: this runs for every row
 * of every list. Built as `{ ...stored, … }` from an object filled key by key, a summary took 12 µs
 * to present and 8 µs more to serialise; as one literal, 2 µs and 3 µs (measured on the benchmark's
 * rows, docs/performance.md, "Fourteenth session"). TypeScript checks that every field is named.
 */
export function presentSummary(row: ReportRow, now: Date, actor: Actor | null = null): ReportSummary {
  const masked = actor?.role === 'analyst' && !isPubliclyVisible(row);
  const nowMs = now.getTime();
  const inReview = row.status === 'answer_review';
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    category: {
      id: row.categoryId,
      code: row.categoryCode,
      name: { ru: row.categoryNameRu, en: row.categoryNameEn },
    },
    text: masked ? maskContacts(row.text) : row.text,
    lat: masked ? coarsen(row.lat) : row.lat,
    lon: masked ? coarsen(row.lon) : row.lon,
    address: masked ? null : row.address,
    territory:
      row.territoryId && row.territoryNameRu
        ? {
            id: row.territoryId,
            name: { ru: row.territoryNameRu, en: row.territoryNameEn ?? row.territoryNameRu },
          }
        : null,
    organisation:
      row.organisationId && row.organisationNameRu
        ? {
            id: row.organisationId,
            name: { ru: row.organisationNameRu, en: row.organisationNameEn ?? row.organisationNameRu },
          }
        : null,
    isPublic: row.isPublic,
    dueAt: iso(row.dueAt),
    overdue: row.dueAt !== null && row.dueAt.getTime() < nowMs && answerClockRuns(row.status, row.kind),
    reviewDueAt: inReview ? iso(row.reviewDueAt) : null,
    reviewOverdue: inReview && row.reviewDueAt !== null && row.reviewDueAt.getTime() < nowMs,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    thumbUrl: row.thumbMediaId ? mediaUrls(row.thumbMediaId).thumbUrl : null,
  };
}

export function presentAnswer(a: AnswerRow, photoIds: string[]): Answer {
  return {
    id: a.id,
    text: a.text,
    result: a.result,
    plannedDate: a.plannedDate,
    legalReason: a.legalReason,
    status: a.status,
    reviewComment: a.reviewComment,
    publishedAt: iso(a.publishedAt),
    photos: photoIds.map((id) => ({ id, ...mediaUrls(id) })),
  };
}

export type DetailParts = {
  row: ReportRow;
  actor: Actor | null;
  now: Date;
  disputeWindowDays: number;
  /** Days an unanswered question to the author stands before the report closes (a region setting). */
  clarificationTimeoutDays: number;
  photoIds: string[];
  answer: Answer | null;
  rating: { score: number; solved: boolean; comment: string | null } | null;
  ratedCurrentAnswer: boolean;
  author: { name: string; email: string } | null;
  /** An appeal's appellant, already limited to those who may see it (the author and handling staff). */
  appellant: Appellant | null;
  /** Flags of the working answer; given only for staff who may see the draft. */
  answerQuality?: AnswerQuality | null;
  /** An appeal's 59-ФЗ milestones (computed with the production calendar by the caller). */
  appealDeadlines?: { registrationDueAt: Date; redirectDueAt: Date } | null;
  /** When moderation is due (working hours of the category), while the report waits for it. */
  moderationDueAt?: Date | null;
  /** Support and merge facts (src/modules/duplicates/report-view.ts). */
  duplicates: DuplicateFields;
  /** Notices that explain the report (linked at filing). */
  notices?: { id: string; title: string; endsAt: string }[];
  /** The city object the report points at. */
  object?: { id: string; name: string } | null;
};

/**
 * A report's page: its summary and what the page adds. Composed with Object.assign onto the fresh
 * summary: as `{ ...summary, …, ...duplicates }` it took 40 µs a page, this 3 (measured over the
 * benchmark's rows; docs/performance.md, "Fourteenth session").
 */
export function presentDetail(p: DetailParts): ReportDetail {
  const facts = factsOf(p.row, p.ratedCurrentAnswer);
  const staffView = canSeeAuthorData(facts, p.actor);
  const until = disputeDeadline(facts, p.disputeWindowDays);
  const page: Omit<ReportDetail, keyof ReportSummary> = {
    photos: p.photoIds.map((id) => {
      const urls = mediaUrls(id);
      return { id, url: urls.url, thumbUrl: urls.thumbUrl };
    }),
    answer: p.answer,
    rating: p.rating,
    isMine: p.actor !== null && p.actor.id === p.row.authorId,
    author: staffView ? p.author : null,
    appellant: p.appellant,
    routing: staffView ? p.row.routing : null,
    disputeUntil: until ? until.toISOString() : null,
    clarifyUntil:
      p.row.status === 'clarification_requested' && p.row.clarificationRequestedAt
        ? new Date(
            p.row.clarificationRequestedAt.getTime() + p.clarificationTimeoutDays * DAY_MS,
          ).toISOString()
        : null,
    deadlineExtension:
      p.row.deadlineExtendedAt && p.row.deadlineExtensionDays !== null
        ? { at: p.row.deadlineExtendedAt.toISOString(), days: p.row.deadlineExtensionDays }
        : null,
    appealDeadlines: p.appealDeadlines
      ? {
          registrationDueAt: p.appealDeadlines.registrationDueAt.toISOString(),
          redirectDueAt: p.appealDeadlines.redirectDueAt.toISOString(),
        }
      : null,
    moderationDueAt:
      p.row.status === 'submitted' && p.moderationDueAt ? p.moderationDueAt.toISOString() : null,
    allowedActions: allowedActions(facts, p.actor, p.now, p.disputeWindowDays),
    answerQuality: staffView ? (p.answerQuality ?? null) : null,
    supportCount: p.duplicates.supportCount,
    supportedByMe: p.duplicates.supportedByMe,
    canSupport: p.duplicates.canSupport,
    mergedInto: p.duplicates.mergedInto,
    notices: p.notices ?? [],
    object: p.object ?? null,
  };
  return Object.assign(presentSummary(p.row, p.now, p.actor), page);
}
