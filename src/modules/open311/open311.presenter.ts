import type { Locale } from '../../lib/errors.ts';
import { mediaUrls } from '../media/index.ts';
import { openStatuses, type ReportStatus } from '../reports/report-states.ts';
import type { AttributeRow, RequestRow, ServiceRow, UpdateRow } from './open311.repo.ts';

/** Open311 knows two statuses: a report is open while someone still owes work on it. */
export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return openStatuses.includes(status) ? 'open' : 'closed';
}

/** Absolute addresses: Open311 clients fetch media from elsewhere (the schema wants a URI). */
export function absolute(baseUrl: string, pathOrUrl: string): string {
  return new URL(pathOrUrl, baseUrl).toString();
}

export function serviceNotice(slaDays: number | null, locale: Locale): string | null {
  if (!slaDays) return null;
  return locale === 'ru'
    ? `Срок ответа организации — ${slaDays} раб. дн. после принятия модератором`
    : `The organisation answers within ${slaDays} working day(s) of moderation`;
}

export function presentService(s: ServiceRow, locale: Locale) {
  return {
    service_code: s.code,
    service_name: locale === 'ru' ? s.nameRu : s.nameEn,
    description: null,
    metadata: s.hasAttributes,
    type: 'realtime' as const,
    keywords: null,
    group: locale === 'ru' ? s.groupRu : s.groupEn,
  };
}

export function presentAttribute(a: AttributeRow, locale: Locale) {
  const listed = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
  return {
    variable: a.variable,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: null,
    order: a.sortOrder,
    description: locale === 'ru' ? a.descriptionRu : a.descriptionEn,
    ...(listed
      ? { values: a.values.map((v) => ({ key: v.key, name: locale === 'ru' ? v.nameRu : v.nameEn })) }
      : {}),
  };
}

/** Why the status is what it is: the published answer once work is over, else the latest public reason. */
function statusNotes(r: RequestRow): string | null {
  if (r.answerText && open311Status(r.status) === 'closed') return r.answerText;
  return r.eventNote ?? r.answerText ?? null;
}

export type Extensions = {
  notes: { type: string; status: string | null; datetime: string; summary: string | null }[];
  photos: { media_url: string; purpose: string | null; created_datetime: string }[];
};

export function presentRequest(r: RequestRow, locale: Locale, baseUrl: string, ext?: Extensions) {
  const mediaUrl = r.photoId ? absolute(baseUrl, mediaUrls(r.photoId).url) : r.clientMediaUrl;
  return {
    service_request_id: String(r.number),
    status: open311Status(r.status),
    status_notes: statusNotes(r),
    service_name: locale === 'ru' ? r.serviceNameRu : r.serviceNameEn,
    service_code: r.serviceCode,
    description: r.text,
    agency_responsible: (locale === 'ru' ? r.agencyRu : r.agencyEn) ?? null,
    service_notice: serviceNotice(r.slaDays, locale),
    requested_datetime: r.createdAt.toISOString(),
    updated_datetime: r.updatedAt.toISOString(),
    expected_datetime: r.dueAt?.toISOString() ?? null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: mediaUrl,
    ...(ext
      ? {
          extended_attributes: {
            vmeste_status: r.status,
            attributes: r.attributes ?? {},
            notes: ext.notes,
            photos: ext.photos,
          },
        }
      : {}),
  };
}
export type Open311Request = ReturnType<typeof presentRequest>;

/** The mySociety extension's richer statuses, from Vmeste's status and the answer's result. */
export function updateStatus(u: Pick<UpdateRow, 'toStatus' | 'answerResult' | 'type'>): string {
  switch (u.toStatus) {
    case 'in_progress':
    case 'answer_drafted':
    case 'answer_review':
      return 'IN_PROGRESS';
    case 'resolved':
      return 'FIXED';
    case 'merged':
      return 'DUPLICATE';
    case 'rejected':
    case 'closed':
      return 'CLOSED';
    case 'answered':
      if (u.answerResult === 'solved') return 'FIXED';
      if (u.answerResult === 'planned') return 'ACTION_SCHEDULED';
      if (u.answerResult === 'rejected') return 'NOT_COUNCILS_RESPONSIBILITY';
      return 'NO_FURTHER_ACTION';
    default:
      return 'OPEN';
  }
}

export function presentUpdate(u: UpdateRow) {
  return {
    update_id: String(u.id),
    service_request_id: String(u.number),
    status: updateStatus(u),
    updated_datetime: u.createdAt.toISOString(),
    description: u.answerText ?? u.note ?? '',
    media_url: '',
  };
}
