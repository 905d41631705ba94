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
import {
  type Answer,
  type Appellant,
  type ReportDetail,
  type ReportSummary,
  reportFieldsAsStored,
} from './reports.schemas.ts';

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

type FieldAsStored = (typeof reportFieldsAsStored)[number];

/** The fields shown as stored, by the schema's list (a new plain column is one more key there). */
function asStored(row: ReportRow): Pick<ReportRow, FieldAsStored> {
  // A plain loop: this runs for every row of every list (25 a page), where building entry arrays
  // for Object.fromEntries showed in the lists' CPU profile.
  const stored: Record<string, unknown> = {};
  for (const key of reportFieldsAsStored) stored[key] = row[key];
  return stored as Pick<ReportRow, FieldAsStored>;
}

/**
 * What the analyst reads of a report that is not public: the text with phone numbers and e-mail
 * addresses masked, the point to about a kilometre, no address (docs/security.md). Analysis needs
 * the subject, the place and the times, not the person.
 */
function storedFor(row: ReportRow, actor: Actor | null): Pick<ReportRow, FieldAsStored> {
  const stored = asStored(row);
  if (actor?.role !== 'analyst' || isPubliclyVisible(row)) return stored;
  return {
    ...stored,
    text: maskContacts(row.text),
    lat: coarsen(row.lat),
    lon: coarsen(row.lon),
    address: null,
  };
}

/** The public face of a report: never the author's identity. */
export function presentSummary(row: ReportRow, now: Date, actor: Actor | null = null): ReportSummary {
  const inReview = row.status === 'answer_review';
  return {
    ...storedFor(row, actor),
    category: {
      id: row.categoryId,
      code: row.categoryCode,
      name: { ru: row.categoryNameRu, en: row.categoryNameEn },
    },
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
    dueAt: iso(row.dueAt),
    overdue: row.dueAt !== null && row.dueAt < now && answerClockRuns(row.status, row.kind),
    reviewDueAt: inReview ? iso(row.reviewDueAt) : null,
    reviewOverdue: inReview && row.reviewDueAt !== null && row.reviewDueAt < now,
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

export function presentDetail(p: DetailParts): ReportDetail {
  const facts = factsOf(p.row, p.ratedCurrentAnswer);
  const staffView = canSeeAuthorData(facts, p.actor);
  const until = disputeDeadline(facts, p.disputeWindowDays);
  return {
    ...presentSummary(p.row, p.now, p.actor),
    photos: p.photoIds.map((id) => ({ id, ...mediaUrls(id) })),
    answer: p.answer,
    rating: p.rating,
    isMine: p.actor !== null && p.actor.id === p.row.authorId,
    author: staffView ? p.author : null,
    appellant: p.appellant,
    routing: staffView ? p.row.routing : null,
    disputeUntil: until ? until.toISOString() : null,
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
    ...p.duplicates,
    notices: p.notices ?? [],
    object: p.object ?? null,
  };
}
