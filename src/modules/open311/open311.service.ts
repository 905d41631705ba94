import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type Locale } from '../../lib/errors.ts';
import { randomToken } from '../../lib/tokens.ts';
import type { AppConfig } from '../../server/config.ts';
import { type ApiClientAuth, type ApiKeysDeps, authenticateApiKey } from '../api-keys/index.ts';
import { mediaUrls } from '../media/index.ts';
import { createReport, type ReportsDeps } from '../reports/index.ts';
import { openStatuses, reportStatuses } from '../reports/report-states.ts';
import { checkAttributes } from './open311.attributes.ts';
import { attributesOf, type FormFields, single } from './open311.form.ts';
import {
  dateWindow,
  isEmail,
  listParam,
  Problems,
  parseBbox,
  parseCoordinate,
  parsePaging,
} from './open311.params.ts';
import {
  absolute,
  type Extensions,
  presentAttribute,
  presentRequest,
  presentService,
  serviceNotice,
} from './open311.presenter.ts';
import * as repo from './open311.repo.ts';
import { placeByDistrict } from './place-address.ts';

export type Open311Deps = {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'open311JurisdictionId' | 'regionToleranceMeters'>;
  apiKeys: ApiKeysDeps;
};

/** Where and in which language the answer goes. */
export type Open311Call = {
  fields: FormFields;
  locale: Locale;
  /** Origin of absolute links (PUBLIC_URL, or the request's own origin). */
  baseUrl: string;
  onLimited?: (retryAfterSeconds: number) => void;
};

const DESCRIPTION_MAX = 4000;
const ADDRESS_MAX = 300;
const MEDIA_URL_MAX = 2000;

/** One deployment serves one jurisdiction: jurisdiction_id is optional, and any other one is unknown. */
export function checkJurisdiction(deps: Open311Deps, fields: FormFields): void {
  const given = single(fields, 'jurisdiction_id');
  if (given !== undefined && given !== deps.config.open311JurisdictionId)
    throw new AppError('jurisdiction_not_found', [
      { path: 'jurisdiction_id', message: 'jurisdiction_not_found' },
    ]);
}

export function discovery(call: Open311Call) {
  const changeset = '2026-03-01T00:00:00Z';
  return {
    changeset,
    contact: absolute(call.baseUrl, '/'),
    key_service: absolute(call.baseUrl, '/admin/api-keys'),
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: absolute(call.baseUrl, '/open311/v2'),
        changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

export async function listServices(deps: Open311Deps, call: Open311Call) {
  checkJurisdiction(deps, call.fields);
  return (await repo.listServices(deps.db)).map((s) => presentService(s, call.locale));
}

async function findService(deps: Open311Deps, code: string) {
  const [service] = await repo.listServices(deps.db, code);
  if (!service)
    throw new AppError('service_not_found', [{ path: 'service_code', message: 'service_not_found' }]);
  return service;
}

export async function serviceDefinition(deps: Open311Deps, call: Open311Call, code: string) {
  checkJurisdiction(deps, call.fields);
  const service = await findService(deps, code);
  const attributes = await repo.listAttributes(deps.db, service.id);
  return { service_code: service.code, attributes: attributes.map((a) => presentAttribute(a, call.locale)) };
}

async function optionalClient(deps: Open311Deps, call: Open311Call): Promise<ApiClientAuth | null> {
  const key = single(call.fields, 'api_key');
  return key === undefined ? null : authenticateApiKey(deps.apiKeys, key, call.onLimited);
}

function refuse(problems: Problems): void {
  if (problems.any) {
    const first = problems.list[0]!.message;
    throw new AppError(
      first === 'attribute_required' ? 'attribute_required' : 'validation_failed',
      problems.list,
    );
  }
}

/**
 * POST requests: the key first (403), then the jurisdiction and the service (404), then every other
 * problem listed together (400). A valid request is filed through the platform's own intake in one
 * transaction with its Open311 record, so it is moderated and routed like any other report; nothing is
 * kept of a refused one. The report's author is the client's service user: the contact fields are
 * checked but not stored (the client keeps its residents' contacts; see docs/open311.md).
 */
export async function createRequest(deps: Open311Deps, reports: ReportsDeps, call: Open311Call) {
  const client = await authenticateApiKey(deps.apiKeys, single(call.fields, 'api_key'), call.onLimited);
  checkJurisdiction(deps, call.fields);
  const { fields } = call;
  const problems = new Problems();
  const code = single(fields, 'service_code');
  if (code === undefined) {
    problems.add('service_code', 'vmeste:open311_required');
    refuse(problems);
  }
  const service = await findService(deps, code!);
  const definitions = await repo.listAttributes(deps.db, service.id);

  let lat = parseCoordinate(fields, 'lat', problems);
  let lon = parseCoordinate(fields, 'long', problems);
  const latGiven = single(fields, 'lat') !== undefined;
  const lonGiven = single(fields, 'long') !== undefined;
  const addressGiven = single(fields, 'address_string');
  if (!latGiven && !lonGiven) {
    // The spec takes lat/long or address_string; without a geocoder an address is placed only by the
    // district it names (at the district's point, as the web form's "address and district" mode).
    const placed = addressGiven ? await placeByDistrict(deps.db, addressGiven) : null;
    if (placed) ({ lat, lon } = placed);
    else {
      problems.add('lat', 'location_required');
      problems.add('long', 'location_required');
    }
  } else if (!latGiven) problems.add('lat', 'vmeste:open311_required');
  else if (!lonGiven) problems.add('long', 'vmeste:open311_required');

  const description = single(fields, 'description');
  if (description && description.length > DESCRIPTION_MAX)
    problems.add('description', `vmeste:max_chars:${DESCRIPTION_MAX}`);
  const address = single(fields, 'address_string');
  if (address && address.length > ADDRESS_MAX)
    problems.add('address_string', `vmeste:max_chars:${ADDRESS_MAX}`);
  const email = single(fields, 'email');
  if (email && !isEmail(email)) problems.add('email', 'vmeste:email');
  const mediaUrl = single(fields, 'media_url');
  if (mediaUrl && !isHttpUrl(mediaUrl)) problems.add('media_url', 'vmeste:open311_url');
  const attributes = checkAttributes(definitions, attributesOf(fields), problems);
  refuse(problems);

  const now = deps.clock.now();
  const token = randomToken(18);
  const text = description ?? (call.locale === 'ru' ? service.nameRu : service.nameEn);
  const number = await deps.db.transaction(async (tx) => {
    // Filed by the reports module's own intake use case, inside this transaction so the report and its
    // Open311 record commit together (the shared batcher files outside any caller's transaction, and
    // similar reports are offered to residents, not to API clients).
    const intake: ReportsDeps = {
      ...reports,
      db: tx as unknown as Db,
      intake: undefined,
      findSimilar: undefined,
    };
    const { report } = await createReport(
      intake,
      client.actor,
      {
        kind: 'report',
        categoryId: service.id,
        text,
        lat: lat!,
        lon: lon!,
        address: address ?? undefined,
        isPublic: true,
        mediaIds: [],
      },
      undefined,
    ).catch(refusedIntake);
    await repo.insertOpen311Request(tx, {
      reportId: report.id,
      apiClientId: client.clientId,
      token,
      attributes,
      mediaUrl: mediaUrl ?? null,
      createdAt: now,
    });
    return report.number;
  });
  return [
    {
      service_request_id: String(number),
      token,
      service_notice: serviceNotice(service.slaDays, call.locale),
      account_id: null,
    },
  ];
}

/**
 * The intake's refusals in Open311's terms: a point outside the region is reported on `lat` and
 * `long` (the spec's names), and a service the intake cannot file to is not a service (404).
 */
function refusedIntake(error: unknown): never {
  if (error instanceof AppError && error.code === 'point_outside_region')
    throw new AppError('point_outside_region', [
      { path: 'lat', message: 'point_outside_region' },
      { path: 'long', message: 'point_outside_region' },
    ]);
  if (
    error instanceof AppError &&
    (error.code === 'unknown_category' || error.code === 'category_not_selectable')
  )
    throw new AppError('service_not_found');
  throw error;
}

function isHttpUrl(s: string): boolean {
  if (s.length > MEDIA_URL_MAX) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const closedStatuses = reportStatuses.filter((s) => !openStatuses.includes(s));

/**
 * GET requests: service_request_id (a list, which overrides every other filter, as the specification
 * says), service_code, status, start_date/end_date (90 days at most; the last 90 days by default),
 * plus the extensions: page/page_size, bbox, extensions=true.
 */
export async function listRequests(deps: Open311Deps, call: Open311Call) {
  checkJurisdiction(deps, call.fields);
  const client = await optionalClient(deps, call);
  const { fields } = call;
  const problems = new Problems();
  const { page, pageSize } = parsePaging(fields, problems);
  const ids = listParam(fields, 'service_request_id');
  const filters: repo.RequestFilters = {};
  if (ids) {
    const bad = ids.filter((i) => !/^\d{1,15}$/.test(i));
    if (bad.length > 0)
      problems.add('service_request_id', `vmeste:open311_service_request_id:${bad.join(', ')}`);
    filters.numbers = ids.map(Number);
  } else {
    filters.serviceCodes = listParam(fields, 'service_code');
    const statuses = listParam(fields, 'status');
    if (statuses) {
      const unknown = statuses.filter((s) => s !== 'open' && s !== 'closed');
      if (unknown.length > 0) problems.add('status', `vmeste:open311_status:${unknown.join(', ')}`);
      else if (statuses.length === 1)
        filters.statuses = statuses[0] === 'open' ? openStatuses : closedStatuses;
    }
    const bbox = parseBbox(fields, problems);
    if (bbox) filters.bbox = bbox;
    const window = dateWindow(fields, deps.clock.now(), problems);
    refuse(problems);
    if (window?.spanTooLong)
      throw new AppError('date_span_too_long', [{ path: 'end_date', message: 'date_span_too_long' }]);
    if (window) {
      filters.from = window.from;
      filters.to = window.to;
    }
  }
  refuse(problems);
  const rows = await repo.listRequests(
    deps.db,
    client?.clientId ?? null,
    filters,
    pageSize,
    (page - 1) * pageSize,
  );
  return requestViews(deps, call, rows);
}

export async function getRequest(deps: Open311Deps, call: Open311Call, id: string) {
  checkJurisdiction(deps, call.fields);
  const client = await optionalClient(deps, call);
  const notFound = () =>
    new AppError('service_request_not_found', [
      { path: 'service_request_id', message: 'service_request_not_found' },
    ]);
  if (!/^\d{1,15}$/.test(id)) throw notFound();
  const rows = await repo.listRequests(deps.db, client?.clientId ?? null, { numbers: [Number(id)] }, 1, 0);
  if (rows.length === 0) throw notFound();
  return requestViews(deps, call, rows);
}

/** Loads what the `extensions=true` view adds (public notes, photos), then presents each request. */
async function requestViews(deps: Open311Deps, call: Open311Call, rows: repo.RequestRow[]) {
  if (single(call.fields, 'extensions') !== 'true')
    return rows.map((r) => presentRequest(r, call.locale, call.baseUrl));
  const ids = rows.map((r) => r.id);
  const [events, photos] = await Promise.all([
    repo.listPublicEvents(deps.db, ids),
    repo.listPhotos(deps.db, ids),
  ]);
  return rows.map((r) => {
    const ext: Extensions = {
      notes: events
        .filter((e) => e.reportId === r.id)
        .map((e) => ({
          type: e.type,
          status: e.toStatus,
          datetime: e.createdAt.toISOString(),
          summary: noteOf(e.payload),
        })),
      photos: photos
        .filter((p) => p.reportId === r.id)
        .map((p) => ({
          media_url: absolute(call.baseUrl, mediaUrls(p.id).url),
          purpose: p.purpose,
          created_datetime: p.createdAt.toISOString(),
        })),
    };
    return presentRequest(r, call.locale, call.baseUrl, ext);
  });
}

function noteOf(payload: Record<string, unknown>): string | null {
  const v = payload.reason ?? payload.comment;
  return typeof v === 'string' ? v : null;
}

export async function lookUpToken(deps: Open311Deps, call: Open311Call, token: string) {
  checkJurisdiction(deps, call.fields);
  const number = await repo.findNumberByToken(deps.db, token);
  if (number === undefined)
    throw new AppError('token_not_found', [{ path: 'token', message: 'token_not_found' }]);
  return [{ service_request_id: String(number), token }];
}
