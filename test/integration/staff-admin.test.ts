import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeStaffInvitations } from '../../src/modules/staff-admin/index.ts';
import { createTestApp, login, organisationId, type Session, type TestApp } from '../support/app.ts';
import { type ReceivedMail, startMailbox } from '../support/mailbox.ts';
import { issueKey } from '../support/open311.ts';
import { auditActions, errorOf, loginStaff, rows, type Staff, territories } from '../support/reports.ts';

/**
 * Staff accounts (issue 11, item 2): invitations by e-mail (single use, expiring), roles with their
 * scope, a curator managing the operators of their territory, suspension ending sessions at once,
 * the last sign-in, the last-admin guard, CSV import with per-line errors, and the audit trail.
 */
let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let staff: Staff;
const PASSWORD = 'correct horse battery';
const org: Record<string, string> = {};

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://vmeste.example' });
  staff = await loginStaff(t);
  for (const code of ['city-light', 'roads-directorate', 'adm-nevsky', 'uk-nevskaya-zastava'])
    org[code] = await organisationId(t.app, code);
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  who: Session | null,
  payload?: object,
) => t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

async function letterTo(address: string, nth = 0): Promise<ReceivedMail> {
  for (let i = 0; i < 100; i++) {
    const found = mailbox.received.filter((m) => m.to.includes(address));
    if (found.length > nth) return found[nth]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no letter to ${address}`);
}
const tokenIn = (mail: ReceivedMail) => {
  const m = /https:\/\/vmeste\.example\/staff\/invitation\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in: ${mail.text}`);
  return decodeURIComponent(m[1]!);
};
const newEmail = (prefix = 'staff') => `${prefix}-${randomUUID()}@example.org`;

async function invite(who: Session, body: object) {
  return call('POST', '/api/v1/admin/staff-invitations', who, body);
}

/** Invites, reads the link from the mailbox, accepts: the new account's id and session. */
async function onboard(body: { role: string; organisationId?: string; territoryId?: string }) {
  const email = newEmail(body.role);
  const res = await invite(staff.admin, { email, name: 'Новый Сотрудник', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const token = tokenIn(await letterTo(email));
  const accepted = await call('POST', '/api/v1/staff-invitations/accept', null, {
    token,
    password: PASSWORD,
  });
  expect(accepted.statusCode, accepted.body).toBe(201);
  const session = await login(t.app, email, PASSWORD);
  return { email, token, session, id: session.userId };
}

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
