import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { purgeStaffInvitations } from '../../src/modules/staff-admin/index.ts';
import { login, type TestApp } from '../support/app.ts';
import { auditActions, errorOf, rows, type Staff, territories } from '../support/reports.ts';
import { newEmail, STAFF_PASSWORD, staffAdminSuite, tokenIn } from '../support/staff-admin-suite.ts';

/**
 * Staff invitations (issue 11, item 2): by e-mail, single use, expiring, with the role's scope; and
 * the CSV import with per-line errors.
 */
const { ctx, call, letterTo, invite } = staffAdminSuite();
const PASSWORD = STAFF_PASSWORD;
let t: TestApp;
let staff: Staff;
let org: Record<string, string>;
beforeAll(() => {
  ({ t, staff, org } = ctx);
});

describe('invitations', () => {
  it('an admin invites an operator: the letter carries a single-use link that gives the role and scope', async () => {
    const email = newEmail('op');
    const res = await invite(staff.admin, {
      email: email.toUpperCase(),
      name: 'Ольга Операторова',
      role: 'operator',
      organisationId: org['city-light'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const invitation = res.json() as { id: string; email: string; status: string };
    expect(invitation).toMatchObject({ email, status: 'pending' });
    const letter = await letterTo(email);
    expect(letter.subject).toContain('Приглашение');
    expect(letter.text).toContain('исполнитель');
    const token = tokenIn(letter);
    const preview = await call(
      'GET',
      `/api/v1/staff-invitations/preview?token=${encodeURIComponent(token)}`,
      null,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ email, role: 'operator', organisation: { code: 'city-light' } });
    // The token is stored hashed: the database never holds the link itself.
    const stored = await rows<{ tokenHash: string }>(
      t,
      sql`SELECT token_hash AS "tokenHash" FROM staff_invitations WHERE id = ${invitation.id}`,
    );
    expect(stored[0]!.tokenHash).not.toContain(token);

    const accepted = await call('POST', '/api/v1/staff-invitations/accept', null, {
      token,
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const session = await login(t.app, email, PASSWORD);
    const me = (await call('GET', '/api/v1/me', session)).json() as {
      user: { role: string; organisationId: string };
    };
    expect(me.user).toMatchObject({ role: 'operator', organisationId: org['city-light'] });
    // The operator sees their organisation's queue.
    expect((await call('GET', '/api/v1/reports?queue=organisation', session)).statusCode).toBe(200);

    const twice = await call('POST', '/api/v1/staff-invitations/accept', null, { token, password: PASSWORD });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('staff_invitation_used');
    expect(errorOf(twice).details[0]!.path).toBe('token');

    const audit = await auditActions(t, invitation.id);
    expect(audit).toEqual([
      {
        action: 'staff.invite',
        actorRole: 'admin',
        details: {
          before: null,
          after: { role: 'operator', organisationId: org['city-light'], territoryId: null },
        },
      },
    ]);
    expect((await auditActions(t, session.userId)).map((a) => a.action)).toContain('staff.invitation_accept');
  });

  it('a late invitation is refused with its own code, and a newer one replaces the older', async () => {
    const email = newEmail('late');
    expect((await invite(staff.admin, { email, name: 'Поздний Гость', role: 'analyst' })).statusCode).toBe(
      201,
    );
    const first = tokenIn(await letterTo(email));
    expect((await invite(staff.admin, { email, name: 'Поздний Гость', role: 'moderator' })).statusCode).toBe(
      201,
    );
    const second = tokenIn(await letterTo(email, 1));
    const replaced = await call('POST', '/api/v1/staff-invitations/accept', null, {
      token: first,
      password: PASSWORD,
    });
    expect(errorOf(replaced).code).toBe('staff_invitation_revoked');
    t.clock.advance(8 * 24 * 3_600_000);
    const late = await call('POST', '/api/v1/staff-invitations/accept', null, {
      token: second,
      password: PASSWORD,
    });
    expect(late.statusCode).toBe(410);
    expect(errorOf(late).code).toBe('staff_invitation_expired');
    const preview = await call(
      'GET',
      `/api/v1/staff-invitations/preview?token=${encodeURIComponent(second)}`,
      null,
    );
    expect(errorOf(preview).code).toBe('staff_invitation_expired');
    const unknown = await call('POST', '/api/v1/staff-invitations/accept', null, {
      token: 'x'.repeat(43),
      password: PASSWORD,
    });
    expect(errorOf(unknown).code).toBe('staff_invitation_invalid');
    expect(
      (await call('POST', '/api/v1/session?mode=token', null, { email, password: PASSWORD })).statusCode,
    ).toBe(401);
    // Housekeeping forgets settled invitations after 30 days (the address is personal data).
    const count = async () =>
      Number(
        (
          await rows<{ n: number }>(
            t,
            sql`SELECT count(*)::int AS n FROM staff_invitations WHERE email = ${email}`,
          )
        )[0]!.n,
      );
    expect(await count()).toBe(2);
    await purgeStaffInvitations(t.app.ctx.db, new Date(t.clock.now().getTime() + 31 * 24 * 3_600_000));
    expect(await count()).toBe(0);
  });

  it('refuses an address that has an account, and lists every problem of a scope', async () => {
    const taken = await invite(staff.admin, {
      email: 'operator.light@demo.vmeste.local',
      name: 'Ирина Лебедева',
      role: 'moderator',
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('staff_account_exists');
    const central = (await territories(t)).get('tsentralny')!.id;
    const bad = await invite(staff.admin, {
      email: newEmail(),
      name: 'Без Области',
      role: 'operator',
      territoryId: central,
    });
    expect(bad.statusCode).toBe(422);
    expect(errorOf(bad).details.map((d) => [d.path, (d as { code?: string }).code])).toEqual([
      ['organisationId', 'staff_scope_required'],
      ['territoryId', 'staff_scope_not_allowed'],
    ]);
    const curatorWithoutTerritory = await invite(staff.admin, {
      email: newEmail(),
      name: 'Куратор',
      role: 'curator',
    });
    expect(errorOf(curatorWithoutTerritory).code).toBe('staff_scope_required');
  });
});

describe('CSV import', () => {
  const header = 'email,name,role,organisation,territory';

  it('lists every problem by line and column and stores nothing', async () => {
    const dup = newEmail('dup');
    const csv = [
      header,
      `${newEmail()},Хороший Человек,operator,city-light,`,
      'not-an-email,Плохая Почта,operator,city-light,',
      `${newEmail()},Неизвестная Организация,operator,no-such-org,`,
      `${dup},Первый,analyst,,`,
      `${dup},Второй,analyst,,`,
      'operator.roads@demo.vmeste.local,Уже Есть,analyst,,',
      `${newEmail()},Куратор Без Территории,curator,,`,
      `${newEmail()},Роль,boss,,`,
    ].join('\n');
    const [before] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM staff_invitations`);
    const res = await call('POST', '/api/v1/admin/staff/import', staff.admin, { csv });
    expect(res.statusCode, res.body).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('staff_import_invalid');
    expect(error.details.map((d) => [d.path, (d as { code?: string }).code])).toEqual([
      ['lines.3.email', 'staff_import_email_invalid'],
      ['lines.4.organisation', 'unknown_organisation'],
      ['lines.6.email', 'staff_import_duplicate'],
      ['lines.7.email', 'staff_account_exists'],
      ['lines.8.territory', 'staff_scope_required'],
      ['lines.9.role', 'staff_import_role_invalid'],
    ]);
    const [after] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM staff_invitations`);
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('refuses a curator the roles and organisations beyond their reach, line by line', async () => {
    const csv = [
      header,
      `${newEmail()},Оператор Невского,operator,adm-nevsky,`,
      `${newEmail()},Чужой Оператор,operator,city-light,`,
      `${newEmail()},Аналитик,analyst,,`,
    ].join('\n');
    const res = await call('POST', '/api/v1/admin/staff/import', staff.curatorNevsky, { csv });
    expect(errorOf(res).details.map((d) => [d.path, (d as { code?: string }).code])).toEqual([
      ['lines.3.organisation', 'staff_out_of_scope'],
      ['lines.4.role', 'staff_role_not_allowed'],
    ]);
  });

  it('invites everyone of a clean file (semicolons, codes or ids) and each gets a letter', async () => {
    const a = newEmail('csv-a');
    const b = newEmail('csv-b');
    const nevsky = (await territories(t)).get('nevsky')!.id;
    const csv = [
      'email;name;role;organisation;territory',
      `${a};Анна Импортова;operator;city-light;`,
      `${b};Борис Импортов;curator;;${nevsky}`,
    ].join('\r\n');
    const res = await call('POST', '/api/v1/admin/staff/import', staff.admin, { csv });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invited: 2 });
    expect((await letterTo(a)).subject).toContain('Приглашение');
    const token = tokenIn(await letterTo(b));
    expect(
      (await call('POST', '/api/v1/staff-invitations/accept', null, { token, password: PASSWORD }))
        .statusCode,
    ).toBe(201);
    const me = (await call('GET', '/api/v1/me', await login(t.app, b, PASSWORD))).json() as {
      user: { role: string; territoryId: string };
    };
    expect(me.user).toMatchObject({ role: 'curator', territoryId: nevsky });
    const open = (await call('GET', '/api/v1/admin/staff-invitations', staff.admin)).json() as {
      items: { email: string }[];
    };
    expect(open.items.map((i) => i.email)).toContain(a);
    expect(open.items.map((i) => i.email)).not.toContain(b);
  });
});
