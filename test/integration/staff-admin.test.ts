import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../support/app.ts';
import { issueKey } from '../support/open311.ts';
import { auditActions, errorOf, rows, type Staff } from '../support/reports.ts';
import { newEmail, STAFF_PASSWORD, staffAdminSuite } from '../support/staff-admin-suite.ts';

/**
 * Staff accounts (issue 11, item 2): a curator managing the operators of their territory, suspension
 * ending sessions at once, the last sign-in, the last-admin guard, and the audit trail.
 */
const { ctx, call, invite, onboard } = staffAdminSuite();
const PASSWORD = STAFF_PASSWORD;
let t: TestApp;
let staff: Staff;
let org: Record<string, string>;
beforeAll(() => {
  ({ t, staff, org } = ctx);
});

describe('a curator manages the operators of their territory, and nothing else', () => {
  it('invites operators only to the organisations working inside their territory', async () => {
    const ok = await invite(staff.curatorNevsky, {
      email: newEmail('nevsky-op'),
      name: 'Оператор Невского',
      role: 'operator',
      organisationId: org['adm-nevsky'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // A city-wide utility and a company serving two districts are outside the Nevsky curator's reach.
    for (const code of ['city-light', 'uk-nevskaya-zastava']) {
      const out = await invite(staff.curatorNevsky, {
        email: newEmail(),
        name: 'Чужой Оператор',
        role: 'operator',
        organisationId: org[code],
      });
      expect(out.statusCode).toBe(403);
      expect(errorOf(out).code).toBe('staff_out_of_scope');
    }
    const moderator = await invite(staff.curatorNevsky, {
      email: newEmail(),
      name: 'Модератор',
      role: 'moderator',
    });
    expect(errorOf(moderator).code).toBe('staff_role_not_allowed');
  });

  it('sees, suspends and reactivates only those operators; moves them only between those organisations', async () => {
    const list = await call('GET', '/api/v1/admin/staff', staff.curatorNevsky);
    expect(list.statusCode).toBe(200);
    const items = (
      list.json() as { items: { id: string; role: string; organisation: { code: string } | null }[] }
    ).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.role === 'operator' && i.organisation?.code === 'adm-nevsky')).toBe(true);
    expect(
      (await call('GET', `/api/v1/admin/staff/${staff.opLight.userId}`, staff.curatorNevsky)).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/api/v1/admin/staff/${staff.opLight.userId}/suspend`, staff.curatorNevsky))
        .statusCode,
    ).toBe(404);
    const moveOut = await call('PATCH', `/api/v1/admin/staff/${staff.opNevsky.userId}`, staff.curatorNevsky, {
      organisationId: org['city-light'],
    });
    expect(errorOf(moveOut).code).toBe('staff_out_of_scope');
    const promote = await call('PATCH', `/api/v1/admin/staff/${staff.opNevsky.userId}`, staff.curatorNevsky, {
      role: 'moderator',
    });
    expect(errorOf(promote).code).toBe('staff_role_not_allowed');
    const suspended = await call(
      'POST',
      `/api/v1/admin/staff/${staff.opNevsky.userId}/suspend`,
      staff.curatorNevsky,
    );
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(
      (await call('POST', `/api/v1/admin/staff/${staff.opNevsky.userId}/reactivate`, staff.curatorNevsky))
        .statusCode,
    ).toBe(200);

    // The city's curator reaches every organisation: moves an operator from one to another.
    const { id } = await onboard({ role: 'operator', organisationId: org['city-light'] });
    const moved = await call('PATCH', `/api/v1/admin/staff/${id}`, staff.curator, {
      organisationId: org['roads-directorate'],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ organisation: { code: 'roads-directorate' } });
    expect((await auditActions(t, id)).find((a) => a.action === 'staff.update')?.details).toEqual({
      before: { role: 'operator', organisationId: org['city-light'], territoryId: null, suspended: false },
      after: {
        role: 'operator',
        organisationId: org['roads-directorate'],
        territoryId: null,
        suspended: false,
      },
    });
  });

  it('refuses residents, operators and other staff', async () => {
    for (const who of [staff.opLight, staff.moderator, staff.analyst])
      expect((await call('GET', '/api/v1/admin/staff', who)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/admin/staff', null)).statusCode).toBe(401);
  });
});

describe('suspension, last sign-in and the last admin', () => {
  it('a suspended account loses its sessions at once and cannot sign in; its organisation’s API key works on', async () => {
    const { id, email, session } = await onboard({ role: 'operator', organisationId: org['city-light'] });
    const key = (await issueKey(t, staff.admin, { organisationId: org['city-light'] })).key;
    const listed = await call('GET', `/api/v1/admin/staff/${id}`, staff.admin);
    expect(listed.json()).toMatchObject({ lastSignInAt: t.clock.now().toISOString(), suspended: false });

    const res = await call('POST', `/api/v1/admin/staff/${id}/suspend`, staff.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ suspended: true, allowed: { reactivate: true, suspend: false } });
    expect((await call('GET', '/api/v1/me', session)).statusCode).toBe(401);
    const [left] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${id}`,
    );
    expect(Number(left!.n)).toBe(0);
    const refused = await call('POST', '/api/v1/session?mode=token', null, { email, password: PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('account_suspended');
    const wrongPassword = await call('POST', '/api/v1/session?mode=token', null, {
      email,
      password: 'not the one',
    });
    expect(errorOf(wrongPassword).code).toBe('invalid_credentials');
    const inbound = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inbound/reports',
      headers: { 'x-api-key': key },
    });
    expect(inbound.statusCode).toBe(200);

    const filtered = await call('GET', '/api/v1/admin/staff?suspended=true', staff.admin);
    expect((filtered.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([id]);
    t.clock.advance(60_000);
    expect((await call('POST', `/api/v1/admin/staff/${id}/reactivate`, staff.admin)).statusCode).toBe(200);
    await login(t.app, email, PASSWORD);
    const after = (await call('GET', `/api/v1/admin/staff/${id}`, staff.admin)).json() as {
      lastSignInAt: string;
    };
    expect(after.lastSignInAt).toBe(t.clock.now().toISOString());
    expect((await auditActions(t, id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['staff.suspend', 'staff.reactivate']),
    );
  });

  it('an admin cannot suspend themselves nor demote the last admin', async () => {
    const self = await call('POST', `/api/v1/admin/staff/${staff.admin.userId}/suspend`, staff.admin);
    expect(errorOf(self).code).toBe('staff_self_suspend');
    const demote = await call('PATCH', `/api/v1/admin/staff/${staff.admin.userId}`, staff.admin, {
      role: 'moderator',
    });
    expect(demote.statusCode).toBe(409);
    expect(errorOf(demote).code).toBe('staff_last_admin');
    const second = await onboard({ role: 'admin' });
    const demoted = await call('PATCH', `/api/v1/admin/staff/${staff.admin.userId}`, staff.admin, {
      role: 'moderator',
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // Now the second admin is the last one: they may not be suspended or demote themselves.
    const last = await call('PATCH', `/api/v1/admin/staff/${second.id}`, second.session, { role: 'analyst' });
    expect(errorOf(last).code).toBe('staff_last_admin');
    const back = await call('PATCH', `/api/v1/admin/staff/${staff.admin.userId}`, second.session, {
      role: 'admin',
    });
    expect(back.statusCode, back.body).toBe(200);
    staff.admin = await login(t.app, 'admin@demo.vmeste.local');
  });
});
