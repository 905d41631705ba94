import type { z } from 'zod';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { CalendarSource } from '../calendar/index.ts';
import type { Actor } from '../identity/index.ts';
import { listCategoryRows } from '../reference/index.ts';
import { routeReport } from '../routing/index.ts';
import * as repo from './directory.repo.ts';
import type { directoryQuerySchema, OrganisationPage, ProfileInput } from './directory.schemas.ts';
import { type HoursProblemCode, hoursProblems, openStatus } from './hours.ts';

export type DirectoryDeps = { db: Db; clock: Clock; calendar: CalendarSource };

const HOURS_MESSAGES: Record<HoursProblemCode, string> = {
  hours_overlap: 'vmeste:hours_overlap',
  hours_break_outside: 'vmeste:hours_break_outside',
  hours_breaks_overlap: 'vmeste:hours_breaks_overlap',
  hours_empty: 'vmeste:hours_empty',
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

function scheduleOf(row: repo.OrganisationProfileRow) {
  return { hours: row.hours, daysOff: row.daysOff, observesHolidays: row.observesHolidays };
}

/** An organisation's public page: who it is, where and what it serves, when it is open, how it answers. */
export async function organisationPage(deps: DirectoryDeps, id: string): Promise<OrganisationPage> {
  const row = await repo.findOrganisationProfile(deps.db, id);
  if (!row) throw new AppError('organisation_not_found');
  const now = deps.clock.now();
  const since = new Date(now.getTime() - YEAR_MS);
  const [refs, figures, calendar] = await Promise.all([
    repo.organisationRefs(deps.db, id),
    repo.organisationFigures(deps.db, id, since, now),
    deps.calendar.get(deps.db),
  ]);
  const named = (r: repo.Ref) => ({ id: r.id, name: { ru: r.nameRu, en: r.nameEn } });
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: { ru: row.nameRu, en: row.nameEn },
    description:
      row.descriptionRu || row.descriptionEn
        ? { ru: row.descriptionRu ?? '', en: row.descriptionEn ?? '' }
        : null,
    contacts: { phone: row.phone, email: row.email, website: row.website, officeAddress: row.officeAddress },
    territories: refs.territories.map(named),
    servedAddresses: row.servedAddresses,
    categories: refs.categories.map(named),
    services: row.services,
    hours: row.hours,
    hoursText: row.hours.length === 0 ? row.workingHours : null,
    daysOff: row.daysOff,
    observesHolidays: row.observesHolidays,
    ...openStatus(scheduleOf(row), calendar, now),
    figures: {
      since: since.toISOString(),
      received: figures.received,
      answeredOnTimeShare: share(figures.onTime, figures.due),
      meanRating: figures.meanRating === null ? null : Math.round(figures.meanRating * 100) / 100,
      disputeRate: share(figures.disputed, figures.answered),
    },
  };
}

/** The directory: every active organisation, or those matching a search, with whether each is open now. */
export async function searchDirectory(deps: DirectoryDeps, q: z.infer<typeof directoryQuerySchema>) {
  const text = q.q ? q.q.toLowerCase().replaceAll('ё', 'е') : null;
  const words = text ? [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 10) : [];
  const [rows, calendar] = await Promise.all([
    repo.searchOrganisations(deps.db, { words, text, kind: q.kind, category: q.category, limit: q.limit }),
    deps.calendar.get(deps.db),
  ]);
  const now = deps.clock.now();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: { ru: r.nameRu, en: r.nameEn },
      officeAddress: r.officeAddress,
      phone: r.phone,
      score: Math.round(Number(r.score) * 10000) / 10000,
      ...openStatus(scheduleOf(r), calendar, now),
    })),
  };
}

function profileFields(input: ProfileInput) {
  return {
    kind: input.kind,
    descriptionRu: input.description?.ru || null,
    descriptionEn: input.description?.en || null,
    website: input.website,
    officeAddress: input.officeAddress,
    servedAddresses: input.servedAddresses,
    services: input.services,
    hours: input.hours,
    daysOff: [...new Set(input.daysOff)].sort(),
    observesHolidays: input.observesHolidays,
  };
}

/** Every problem of a week's hours (overlaps, also across midnight; breaks outside or overlapping), as error details. */
export function workingHoursProblems(hours: ProfileInput['hours']): ErrorDetail[] {
  return hoursProblems(hours).map((p) => ({
    path: p.path,
    code: p.code,
    message: `${HOURS_MESSAGES[p.code]}${'other' in p.params ? `:${p.params.other}` : ''}`,
  }));
}

/** The directory's kind and weekly hours of an organisation (the admin organisation editor's part). */
export async function kindAndHours(exec: Executor, id: string) {
  return (await repo.findKindAndHours(exec, id)) ?? { kind: null, hours: [] };
}

/** Sets the kind and hours (checked by the caller with workingHoursProblems), in the caller's transaction. */
export async function saveKindAndHours(
  exec: Executor,
  id: string,
  p: { kind: NonNullable<ProfileInput['kind']>; hours: ProfileInput['hours'] },
  now: Date,
): Promise<void> {
  await repo.upsertKindAndHours(exec, id, p, now);
}

/** Admins keep the directory: hours are checked as a week (overlaps, breaks), every problem listed. */
export async function saveProfile(deps: DirectoryDeps, actor: Actor, id: string, input: ProfileInput) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  if (!(await repo.organisationExists(deps.db, id))) throw new AppError('organisation_not_found');
  const problems = workingHoursProblems(input.hours);
  if (problems.length > 0) throw new AppError('invalid_working_hours', problems);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.upsertProfile(tx, id, profileFields(input), now);
    await writeAudit(tx, {
      actor,
      action: 'organisation_profile_save',
      entityType: 'organisation',
      entityId: id,
      at: now,
    });
  });
  return organisationPage(deps, id);
}

/** The demo seed's directory entries: checked like an admin's, written without an actor. */
export async function seedProfile(exec: Executor, id: string, input: ProfileInput, now: Date): Promise<void> {
  const problems = hoursProblems(input.hours);
  if (problems.length > 0) throw new Error(`invalid demo hours: ${JSON.stringify(problems)}`);
  await repo.upsertProfile(exec, id, profileFields(input), now);
}

/** "Who is responsible here": for every category residents choose, the organisation the routing rules name at this point. */
export async function responsibleAt(deps: DirectoryDeps, lat: number, lon: number) {
  const place = await repo.territoryAt(deps.db, lat, lon);
  if (!place.inRegion)
    throw new AppError('point_outside_region', [{ path: 'lat', message: 'point_outside_region' }]);
  const subjects = (await listCategoryRows(deps.db)).filter((c) => c.parentId !== null);
  const now = deps.clock.now();
  const decisions = await Promise.all(subjects.map((c) => routeReport(deps.db, c.id, place.districtId, now)));
  return {
    items: subjects.flatMap((c, i) => {
      const d = decisions[i];
      return d?.method === 'rule' ? [{ categoryId: c.id, organisationId: d.organisationId }] : [];
    }),
  };
}
