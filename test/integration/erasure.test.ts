import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { ERASED_NAME, ERASED_TEXT } from '../../src/modules/identity/erasure.repo.ts';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { driveTo, fileReport, getReport, loginStaff, type Staff } from '../support/reports.ts';

/**
 * The right to be forgotten (docs/security.md): a resident erases their account, or an admin does
 * on their request. Personal data goes from every table; reports stay, anonymised; the audit says
 * who erased which account id, and nothing of what was erased.
 */
let t: TestApp;
let staff: Staff;
const PASSWORD = 'erasure-password-2026';
const person = {
  email: `erase-me-${Date.now()}@example.org`,
  name: 'Аглая Стираемая',
  phone: '+7 921 444-19-73',
  address: 'Фонтанка, 118, кв. 5',
  postal: '190000, Санкт-Петербург, Фонтанка, 118, кв. 5',
};

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
});
afterAll(() => t.close());

async function register(email: string, name: string): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password: PASSWORD, name },
  });
  expect(res.statusCode).toBe(202);
  return login(t.app, email, PASSWORD);
}

/** Tables (with the row counts) where any column of any row still holds one of the values. */
async function tablesHolding(values: string[]): Promise<string[]> {
  const tables = await queryRows<{ t: string }>(
    t.database.db,
    sql`SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = ${t.database.schema} AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { t: table } of tables)
    for (const v of values) {
      const [row] = await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} x WHERE x::text ILIKE ${`%${v}%`}`,
      );
      if (row!.n > 0) found.push(`${table}: ${v}`);
    }
  return found;
}

describe('the right to be forgotten', () => {
  it('erases the account on the resident’s request and keeps the reports anonymised', async () => {
    const me = await register(person.email, person.name);
    const hidden = await fileReport(t, me, {
      isPublic: false,
      text: `Течёт крыша над квартирой, звоните ${person.phone}`,
      address: person.address,
      lat: 59.93671,
      lon: 30.33649,
    });
    const open = await driveTo(t, staff, me, 'in_progress', { text: 'Не горит фонарь у Фонтанки' });
    const appeal = await fileReport(t, me, {
      kind: 'appeal',
      isPublic: false,
      text: 'Прошу отремонтировать двор',
      appellant: { fullName: person.name, email: person.email, postalAddress: person.postal },
    });
    expect(await tablesHolding([person.email, person.name])).not.toEqual([]);

    // Without the confirmation nothing happens.
    const unconfirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: me.headers,
      payload: {},
    });
    expect(unconfirmed.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/erasure',
      headers: me.headers,
      payload: { confirm: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'erased',
      alreadyErased: false,
      reports: 3,
      anonymisedTexts: 2,
      appeals: 1,
    });

    // The session has ended, and the address and password no longer sign anyone in.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: me.headers })).statusCode).toBe(
      401,
    );
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session?mode=token',
      payload: { email: person.email, password: PASSWORD },
    });
    expect(again.statusCode).toBe(401);

    // Nothing of the person remains anywhere: name, e-mail, phone, address, postal address.
    expect(
      await tablesHolding([person.email, person.name, '444-19-73', person.address, person.postal]),
    ).toEqual([]);

    // The reports remain: the private one without its text, address and exact point; the public one whole.
    const seen = (await getReport(t, staff.moderator, hidden.id)).json() as {
      text: string;
      address: string | null;
      lat: number;
      lon: number;
      author: { name: string } | null;
    };
    expect(seen.text).toBe(ERASED_TEXT);
    expect(seen.address).toBeNull();
    expect(seen.lat).toBeCloseTo(59.94, 10);
    expect(seen.lon).toBeCloseTo(30.34, 10);
    expect(seen.author?.name ?? ERASED_NAME).toBe(ERASED_NAME);
    expect((await getReport(t, null, open.id)).json().text).toBe('Не горит фонарь у Фонтанки');
    expect((await getReport(t, staff.moderator, appeal.id)).statusCode).toBe(200);

    // The audit: who erased which account id and how much, nothing of what.
    const [audit] = await queryRows<{ actorId: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT actor_id AS "actorId", details FROM audit_log WHERE action = 'account.erased' AND entity_id = ${me.userId}`,
    );
    expect(audit).toEqual({
      actorId: me.userId,
      details: { by: 'self', sessions: 1, reports: 3, anonymisedTexts: 2, appeals: 1 },
    });
  });

  it('lets an admin erase a resident on request, once, and only a resident', async () => {
    const email = `erase-by-admin-${Date.now()}@example.org`;
    const resident = await register(email, 'Фёкла Заявительница');
    await fileReport(t, resident, { isPublic: false, text: 'Прошу убрать мусор' });
    const url = `/api/v1/admin/users/${resident.userId}/erasure`;
    const payload = { reference: 'Заявление № 17/2026' };
    // Only the admin, and never another resident.
    for (const who of [staff.moderator, staff.curator, resident])
      expect((await t.app.inject({ method: 'POST', url, headers: who.headers, payload })).statusCode).toBe(
        403,
      );
    const first = await t.app.inject({ method: 'POST', url, headers: staff.admin.headers, payload });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ alreadyErased: false, reports: 1, anonymisedTexts: 1 });
    const second = await t.app.inject({ method: 'POST', url, headers: staff.admin.headers, payload });
    expect(second.json()).toMatchObject({ alreadyErased: true, reports: 0 });
    expect(await tablesHolding([email, 'Фёкла Заявительница'])).toEqual([]);
    const [audit] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.erased' AND entity_id = ${resident.userId}
            AND actor_id = ${staff.admin.userId} AND details->>'reference' = 'Заявление № 17/2026'`,
    );
    expect(audit!.n).toBe(1);
    // Staff accounts and unknown ids are refused.
    const staffTarget = `/api/v1/admin/users/${staff.moderator.userId}/erasure`;
    expect(
      (await t.app.inject({ method: 'POST', url: staffTarget, headers: staff.admin.headers, payload }))
        .statusCode,
    ).toBe(403);
    const unknown = '/api/v1/admin/users/00000000-0000-4000-8000-000000000009/erasure';
    expect(
      (await t.app.inject({ method: 'POST', url: unknown, headers: staff.admin.headers, payload }))
        .statusCode,
    ).toBe(404);
  });
});
