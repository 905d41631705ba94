import { ZodError } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { authenticateApiKey } from '../api-keys/api-keys.service.ts';
import { type InboundAnswer, inboundAnswerBodySchema } from '../inbound/inbound.schemas.ts';
import { applyOrganisationUpdate, type InboundUpdate } from '../inbound/inbound.service.ts';
import type { ReportsDeps } from '../reports/reports.deps.ts';
import { single } from './open311.form.ts';
import { dateWindow, Problems, parseDate, parsePaging } from './open311.params.ts';
import { presentUpdate } from './open311.presenter.ts';
import * as repo from './open311.repo.ts';
import { checkJurisdiction, type Open311Call, type Open311Deps } from './open311.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * GET servicerequestupdates (the mySociety extension FixMyStreet polls): status changes on the public
 * timeline between start_date and end_date (the last day by default, 90 days at most), oldest first.
 * With an api_key, the client's own updates are left out and the requests it filed are included.
 */
export async function listUpdates(deps: Open311Deps, call: Open311Call) {
  checkJurisdiction(deps, call.fields);
  const key = single(call.fields, 'api_key');
  const client = key === undefined ? null : await authenticateApiKey(deps.apiKeys, key, call.onLimited);
  const problems = new Problems();
  const { page, pageSize } = parsePaging(call.fields, problems);
  const now = deps.clock.now();
  const given = single(call.fields, 'start_date') ?? single(call.fields, 'end_date');
  const window = given
    ? dateWindow(call.fields, now, problems)
    : { from: new Date(now.getTime() - DAY_MS), to: now, spanTooLong: false };
  if (problems.any) throw new AppError('validation_failed', problems.list);
  if (window?.spanTooLong)
    throw new AppError('date_span_too_long', [{ path: 'end_date', message: 'date_span_too_long' }]);
  const rows = await repo.listUpdates(
    deps.db,
    client?.clientId ?? null,
    client?.actor.id ?? null,
    window!.from,
    window!.to,
    pageSize,
    (page - 1) * pageSize,
  );
  return rows.map(presentUpdate);
}

/** The mySociety statuses an organisation's system may send, and what each means in Vmeste. */
const answerResults: Record<string, InboundAnswer['result']> = {
  FIXED: 'solved',
  ACTION_SCHEDULED: 'planned',
  NOT_COUNCILS_RESPONSIBILITY: 'rejected',
  CLOSED: 'explained',
  NO_FURTHER_ACTION: 'explained',
  INTERNAL_REFERRAL: 'explained',
  DUPLICATE: 'explained',
};
const startStatuses = ['IN_PROGRESS', 'INVESTIGATING'];

/**
 * POST servicerequestupdates from an organisation's system (key bound to the organisation): the
 * status becomes the platform's own actions (IN_PROGRESS → start; FIXED, ACTION_SCHEDULED, CLOSED… →
 * an answer with that result, submitted for review). A repeated update_id answers with the first
 * result and changes nothing.
 */
export async function postUpdate(deps: Open311Deps, reports: ReportsDeps, call: Open311Call) {
  const client = await authenticateApiKey(deps.apiKeys, single(call.fields, 'api_key'), call.onLimited);
  checkJurisdiction(deps, call.fields);
  if (!client.organisationId) throw new AppError('api_key_not_scoped');
  const f = call.fields;
  const problems = new Problems();
  const requestId = single(f, 'service_request_id');
  if (requestId === undefined) problems.add('service_request_id', 'vmeste:open311_required');
  const status = single(f, 'status')?.toUpperCase();
  if (status === undefined) problems.add('status', 'vmeste:open311_required');
  else if (!startStatuses.includes(status) && !(status in answerResults))
    problems.add('status', `vmeste:open311_status:${status}`);
  const description = single(f, 'description');
  parseDate(f, 'updated_datetime', problems);
  const planned = single(f, 'expected_datetime') ?? single(f, 'planned_date');
  if (problems.any) {
    const onlyStatus = problems.list.every((p) => p.path === 'status');
    throw new AppError(onlyStatus ? 'status_update_unsupported' : 'validation_failed', problems.list);
  }

  let update: InboundUpdate = { kind: 'start' };
  if (!startStatuses.includes(status!)) {
    const result = answerResults[status!];
    const parsed = inboundAnswerBodySchema.safeParse({
      text: description ?? '',
      result,
      ...(result === 'planned' && planned ? { plannedDate: planned.slice(0, 10) } : {}),
      ...(result === 'rejected' ? { legalReason: description ?? '' } : {}),
    });
    if (!parsed.success) throw renamed(parsed.error);
    update = { kind: 'answer', ...parsed.data };
  }
  const number = /^\d{1,15}$/.test(requestId!) ? Number(requestId) : null;
  const reportId = number === null ? undefined : await repo.findReportIdByNumber(deps.db, number);
  if (!reportId)
    throw new AppError('service_request_not_found', [
      { path: 'service_request_id', message: 'service_request_not_found' },
    ]);

  const externalId = single(f, 'update_id');
  if (externalId) {
    const seen = await repo.findInboundUpdate(deps.db, client.clientId, externalId);
    if (seen) return [{ update_id: String(seen.eventId) }];
  }
  const { extra } = await applyOrganisationUpdate(reports, client, reportId, update, async (tx) => {
    const eventId = await repo.lastEventId(tx, reportId);
    if (externalId) {
      const recorded = await repo.recordInboundUpdate(tx, {
        apiClientId: client.clientId,
        externalId,
        reportId,
        eventId,
        createdAt: deps.clock.now(),
      });
      if (!recorded)
        throw new AppError('idempotency_conflict', [{ path: 'update_id', message: 'idempotency_conflict' }]);
    }
    return eventId;
  });
  return [{ update_id: String(extra) }];
}

/** The answer's fields carry Open311 names here: text is the description, the planned date the expected_datetime. */
function renamed(error: ZodError): ZodError {
  const names: Record<string, string> = {
    text: 'description',
    plannedDate: 'expected_datetime',
    legalReason: 'description',
  };
  return new ZodError(
    error.issues.map((i) => ({
      ...i,
      path: i.path.map((p) => (typeof p === 'string' ? (names[p] ?? p) : p)),
    })),
  );
}
