import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import { auditActions, errorOf, loginStaff, rows, type Staff, territories } from '../support/reports.ts';

/**
 * Organisations edited by an admin (issue 11, item 1): the directory's kind and hours (its
 * validation: overlapping hours refused), contacts, territories and categories served, a parent
 * authority without cycles; deletes of what is referred to refused with archiving offered; audited.
 */
let t: TestApp;
let staff: Staff;
let resident: Session;
const base = '/api/v1/admin/organisations';
type Org = {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  isActive: boolean;
  hours: unknown[];
};

const call = (
  who: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
const details = (res: Parameters<typeof errorOf>[0]) =>
  (errorOf(res).details as { path: string; code?: string }[]).map((d) => [d.path, d.code]);
const count = async () =>
  Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM organisations`))[0]!.n);

const weekdays = [1, 2, 3, 4, 5].map((day) => ({
  day,
  opens: '09:00',
  closes: '18:00',
  breaks: [{ from: '13:00', to: '14:00' }],
}));
let centralId: string;
let lightId: string;

async function create(body: object): Promise<Org> {
  const res = await call(staff.admin, 'POST', base, body);
  if (res.statusCode !== 201) throw new Error(`create organisation: ${res.statusCode} ${res.body}`);
  return res.json() as Org;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  resident = await newResident(t.app);
  centralId = (await territories(t)).get('tsentralny')!.id;
  lightId = (await rows<{ id: string }>(t, sql`SELECT id FROM categories WHERE code = 'street-light'`))[0]!
    .id;
});
afterAll(() => t?.close());

describe('organisations', () => {
  it('are edited by the admin only', async () => {
    expect((await call(null, 'GET', base)).statusCode).toBe(401);
    for (const who of [resident, staff.curator, staff.opLight])
      expect((await call(who, 'GET', base)).statusCode).toBe(403);
  });

  it('adds a municipal body with hours, served territory and category, and a parent; the directory shows it', async () => {
    const parent = await organisationId(t.app, 'city-light');
    const org = await create({
      code: 'mo-dvortsovy',
      kind: 'municipal',
      nameRu: 'Местная администрация МО Дворцовый округ',
      nameEn: 'Dvortsovy municipal administration',
      phone: '+7 812 000-00-00',
      email: 'mo@example.org',
      hours: weekdays,
      parentId: parent,
      territoryIds: [centralId],
      categoryIds: [lightId],
    });
    expect(org).toMatchObject({ kind: 'municipal', parentId: parent, isActive: true, hours: weekdays });
    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org.id}` })).json() as {
      kind: string;
      hours: unknown[];
      territories: { id: string }[];
    };
    expect(page).toMatchObject({ kind: 'municipal', hours: weekdays, territories: [{ id: centralId }] });
    expect(await auditActions(t, org.id)).toEqual([
      expect.objectContaining({
        action: 'organisation.create',
        details: { before: null, after: expect.objectContaining({ code: 'mo-dvortsovy', hours: weekdays }) },
      }),
    ]);

    // New hours: the public page shows them at once; the audit row has before and after.
    const saturday = [...weekdays, { day: 6, opens: '10:00', closes: '14:00', breaks: [] }];
    const edited = await call(staff.admin, 'PATCH', `${base}/${org.id}`, { hours: saturday });
    expect(edited.statusCode).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org.id}` })).json() as {
      hours: unknown[];
    };
    expect(after.hours).toHaveLength(6);
    expect((await auditActions(t, org.id)).at(-1)).toMatchObject({
      action: 'organisation.update',
      details: { before: { hours: weekdays }, after: { hours: saturday } },
    });
  });

  it('refuses overlapping hours and unknown references, every problem listed, nothing stored', async () => {
    const before = await count();
    const res = await call(staff.admin, 'POST', base, {
      code: 'city-light',
      kind: 'institution',
      nameRu: 'Дубль',
      nameEn: 'Duplicate',
      hours: [
        { day: 1, opens: '09:00', closes: '18:00', breaks: [] },
        { day: 1, opens: '17:00', closes: '20:00', breaks: [] },
      ],
      parentId: '00000000-0000-4000-8000-000000000000',
      territoryIds: ['00000000-0000-4000-8000-000000000001'],
      categoryIds: [lightId, '00000000-0000-4000-8000-000000000002'],
    });
    expect(errorOf(res).code).toBe('organisation_code_taken');
    expect(details(res)).toEqual([
      ['code', 'organisation_code_taken'],
      ['parentId', 'unknown_organisation'],
      ['territoryIds.0', 'unknown_territory'],
      ['categoryIds.1', 'unknown_category'],
      ['hours.1', 'hours_overlap'],
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a parent that would make a cycle', async () => {
    const top = await create({
      code: 'top-authority',
      kind: 'authority',
      nameRu: 'Верхний орган',
      nameEn: 'Top',
    });
    const middle = await create({
      code: 'mid-body',
      kind: 'institution',
      nameRu: 'Средний',
      nameEn: 'Middle',
      parentId: top.id,
    });
    const low = await create({
      code: 'low-body',
      kind: 'hoa',
      nameRu: 'Нижний',
      nameEn: 'Low',
      parentId: middle.id,
    });
    const cycle = await call(staff.admin, 'PATCH', `${base}/${top.id}`, { parentId: low.id });
    expect(cycle.statusCode).toBe(422);
    expect(details(cycle)).toEqual([['parentId', 'organisation_parent_cycle']]);
    const self = await call(staff.admin, 'PATCH', `${base}/${top.id}`, { parentId: top.id });
    expect(errorOf(self).code).toBe('organisation_parent_cycle');
    expect(
      ((await call(staff.admin, 'GET', base)).json() as { items: Org[] }).items.find((o) => o.id === top.id),
    ).toMatchObject({ parentId: null });
  });

  it('refuses deleting what reports, rules or staff refer to; archives instead; deletes an unused one', async () => {
    const used = await call(staff.admin, 'DELETE', `${base}/${await organisationId(t.app, 'city-light')}`);
    expect(used.statusCode).toBe(409);
    expect(errorOf(used).code).toBe('organisation_in_use');

    const spare = await create({ code: 'spare-org', kind: 'utility', nameRu: 'Запасная', nameEn: 'Spare' });
    const archived = await call(staff.admin, 'PATCH', `${base}/${spare.id}`, { isActive: false });
    expect(archived.json()).toMatchObject({ isActive: false });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations' })).json() as {
      items: Org[];
    };
    expect(list.items.some((o) => o.id === spare.id)).toBe(false);
    expect((await call(staff.admin, 'DELETE', `${base}/${spare.id}`)).statusCode).toBe(204);
    expect((await auditActions(t, spare.id)).map((a) => a.action)).toEqual([
      'organisation.create',
      'organisation.archive',
      'organisation.delete',
    ]);
  });
});
