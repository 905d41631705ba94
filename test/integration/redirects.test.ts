import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import {
  act,
  driveTo,
  errorOf,
  fieldPaths,
  getReport,
  listedIds,
  loginStaff,
  must,
  rows,
  type Staff,
  snapshot,
} from '../support/reports.ts';

const REASON = 'Опора освещения на балансе другой организации';

describe('redirects between organisations', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let org: Record<'light' | 'roads' | 'nevsky' | 'uk', string>;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    const [light, roads, nevsky, uk] = await Promise.all(
      ['city-light', 'roads-directorate', 'adm-nevsky', 'uk-nevskaya-zastava'].map((c) =>
        organisationId(t.app, c),
      ),
    );
    org = { light: light!, roads: roads!, nevsky: nevsky!, uk: uk! };
  });
  afterAll(() => t.close());

  const timeline = async (who: Session, id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events`, headers: who.headers })).json()
      .items as { type: string; payload: Record<string, unknown> }[];

  it('hands a report over with a public reason; the deadline keeps running; the receiver learns it', async () => {
    const r = await driveTo(t, staff, author, 'in_progress');
    const authorView = (await getReport(t, author, r.id)).json() as { allowedActions: string[] };
    expect(authorView.allowedActions).not.toContain('redirect');
    const moved = await must(t, staff.opLight, r.id, 'redirect', {
      organisationId: org.roads,
      reason: REASON,
    });
    expect(moved.status).toBe('assigned');
    expect(moved.organisation!.id).toBe(org.roads);
    expect(moved.dueAt).toBe(r.dueAt);

    const seen = (await timeline(author, r.id)).find((e) => e.type === 'redirected');
    expect(seen?.payload).toMatchObject({
      fromOrganisationId: org.light,
      toOrganisationId: org.roads,
      reason: REASON,
    });
    // The roads directorate now sees and works on it; the lighting utility no longer does.
    expect(await listedIds(t, staff.opRoads, 'queue=organisation')).toContain(r.id);
    expect(await listedIds(t, staff.opLight, 'queue=organisation')).not.toContain(r.id);
    expect((await act(t, staff.opLight, r.id, 'start')).statusCode).toBe(403);
    const labels = await rows<{ value: string; source: string }>(
      t,
      sql`SELECT value, source FROM training_labels WHERE report_id = ${r.id}`,
    );
    expect(labels).toEqual([{ value: 'roads-directorate', source: 'redirect' }]);
  });

  it('refuses a redirect to the same organisation, an unknown one, or without a reason — nothing changes', async () => {
    const r = await driveTo(t, staff, author, 'assigned');
    const before = await snapshot(t, r.id);

    const same = await act(t, staff.opLight, r.id, 'redirect', { organisationId: org.light, reason: REASON });
    expect(same.statusCode).toBe(422);
    expect(errorOf(same).code).toBe('redirect_same_organisation');
    expect(fieldPaths(same)).toEqual(['organisationId']);

    const unknown = await act(t, staff.opLight, r.id, 'redirect', {
      organisationId: '00000000-0000-4000-8000-000000000000',
      reason: REASON,
    });
    expect(errorOf(unknown).code).toBe('unknown_organisation');

    const noReason = await act(t, staff.opLight, r.id, 'redirect', { organisationId: org.roads });
    expect(noReason.statusCode).toBe(400);
    expect(fieldPaths(noReason)).toEqual(['reason']);

    const otherOrg = await act(t, staff.opRoads, r.id, 'redirect', {
      organisationId: org.uk,
      reason: REASON,
    });
    expect(otherOrg.statusCode).toBe(403);
    expect(await snapshot(t, r.id)).toEqual(before);
  });

  it('sends a third hand-over to the curator (ping-pong), whose assignment then binds', async () => {
    const r = await driveTo(t, staff, author, 'assigned');
    await must(t, staff.opLight, r.id, 'redirect', { organisationId: org.roads, reason: REASON });
    await must(t, staff.opRoads, r.id, 'redirect', { organisationId: org.nevsky, reason: REASON });
    const third = await must(t, staff.opNevsky, r.id, 'redirect', { organisationId: org.uk, reason: REASON });
    expect(third.status).toBe('accepted');
    expect(third.organisation).toBeNull();
    expect(await listedIds(t, staff.curator, 'queue=curator')).toContain(r.id);
    const types = (await timeline(author, r.id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['redirect_requested', 'sent_to_curator']);

    const assigned = await must(t, staff.curator, r.id, 'assign', { organisationId: org.roads });
    expect(assigned.dueAt).toBe(r.dueAt); // the clock kept running through the ping-pong
    expect(assigned.allowedActions).toContain('redirect'); // the curator may still move it
    const opView = (await getReport(t, staff.opRoads, r.id)).json() as { allowedActions: string[] };
    expect(opView.allowedActions).not.toContain('redirect');
    const before = await snapshot(t, r.id);
    const refused = await act(t, staff.opRoads, r.id, 'redirect', { organisationId: org.uk, reason: REASON });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('redirect_binding_decision');
    expect(await snapshot(t, r.id)).toEqual(before);
  });

  it('sends a return to an organisation that already had the report to the curator', async () => {
    const r = await driveTo(t, staff, author, 'assigned');
    await must(t, staff.opLight, r.id, 'redirect', { organisationId: org.roads, reason: REASON });
    const back = await must(t, staff.opRoads, r.id, 'redirect', {
      organisationId: org.light,
      reason: REASON,
    });
    expect(back.status).toBe('accepted');
    const curatorView = (await getReport(t, staff.curator, r.id)).json() as { routing: unknown };
    expect(curatorView.routing).toMatchObject({ reason: 'ping_pong', requestedOrganisationId: org.light });
  });

  it('lets a curator move a report outright; the decision binds', async () => {
    const r = await driveTo(t, staff, author, 'assigned');
    const moved = await must(t, staff.curator, r.id, 'redirect', {
      organisationId: org.roads,
      reason: REASON,
    });
    expect(moved.status).toBe('assigned');
    const refused = await act(t, staff.opRoads, r.id, 'redirect', { organisationId: org.uk, reason: REASON });
    expect(errorOf(refused).code).toBe('redirect_binding_decision');
  });
});
