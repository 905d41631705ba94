import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_MASK } from '../../src/lib/privacy.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  act,
  countAudit,
  driveTo,
  getReport,
  listReports,
  loginStaff,
  must,
  rows,
  type Staff,
} from '../support/reports.ts';

/**
 * The three policy questions of issue 10, as decided in docs/security.md: staff see what their work
 * needs, personal data only where the law and the task require it, every such read audited.
 */
let t: TestApp;
let staff: Staff;
let author: Session;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  author = await newResident(t.app);
});
afterAll(() => t.close());

const events = (who: Session, id: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events`, headers: who.headers });
const types = (res: { json(): unknown }) => res.json() as { items?: { type: string }[] } | { type: string }[];

function eventTypes(res: { json(): unknown }): string[] {
  const body = types(res);
  const list = Array.isArray(body) ? body : (body.items ?? []);
  return list.map((e) => e.type);
}

describe('1. the internal timeline is for the author and the staff who handle the report', () => {
  it("an operator of another organisation and the analyst see only the public timeline; the handling operator's read is audited", async () => {
    const r = await driveTo(t, staff, author, 'in_progress');
    await must(t, staff.opLight, r.id, 'request-clarification', {
      question: 'Уточните номер опоры, пожалуйста',
    });
    await must(t, author, r.id, 'clarify', { answer: 'Опора № 17, мой телефон +7 912 345-67-89' });

    const handling = eventTypes(await events(staff.opLight, r.id));
    const other = eventTypes(await events(staff.opRoads, r.id));
    const analyst = eventTypes(await events(staff.analyst, r.id));
    const mine = eventTypes(await events(author, r.id));
    expect(handling.length).toBeGreaterThan(other.length);
    expect(mine).toEqual(handling);
    expect(analyst).toEqual(other);
    for (const body of [(await events(staff.opRoads, r.id)).body, (await events(staff.analyst, r.id)).body])
      expect(body).not.toContain('345-67-89');
    expect(await countAudit(t, 'report.read_internal_timeline', r.id)).toBeGreaterThan(0);
  });
});

describe('2. the analyst reads reports that are not public without the contacts people typed', () => {
  it('masks phone numbers and e-mails, coarsens the point and drops the address, in the detail and the list', async () => {
    const text = 'Не горит фонарь у подъезда, звоните 8 912 345 67 89 или пишите ivan@mail.ru';
    const r = await driveTo(t, staff, author, 'in_progress', {
      isPublic: false,
      text,
      address: 'Невский проспект, 28',
    });
    const detail = (await getReport(t, staff.analyst, r.id)).json() as {
      text: string;
      lat: number;
      address: string | null;
      author: unknown;
    };
    expect(detail.text).not.toContain('345');
    expect(detail.text).not.toContain('ivan@mail.ru');
    expect(detail.text).toContain(CONTACT_MASK);
    expect(detail.address).toBeNull();
    expect(detail.author).toBeNull();
    expect(Math.round(detail.lat * 100) / 100).toBe(detail.lat);
    const list = (await listReports(t, staff.analyst, 'pageSize=500')).json() as {
      items: { id: string; text: string }[];
    };
    expect(list.items.find((i) => i.id === r.id)?.text).not.toContain('345');
    // Those who handle it read it whole (their reads of the author's data are audited).
    expect((await getReport(t, staff.opLight, r.id)).json().text).toBe(text);
    // The author too.
    expect((await getReport(t, author, r.id)).json().text).toBe(text);
  });

  it('leaves public reports as everyone sees them', async () => {
    const text = 'Не горит фонарь у дома 7, телефон диспетчера 8 812 000 00 00';
    const r = await driveTo(t, staff, author, 'in_progress', { text });
    expect((await getReport(t, staff.analyst, r.id)).json().text).toBe(text);
  });
});

describe('3. an operator merges only their own organisation’s reports', () => {
  it('refuses an operator merging a report of another organisation, whatever the primary', async () => {
    const theirs = await driveTo(t, staff, author, 'in_progress');
    const primary = await driveTo(t, staff, author, 'in_progress');
    const refused = await act(t, staff.opRoads, theirs.id, 'merge', { primaryId: primary.id });
    expect(refused.statusCode).toBe(403);
    const [row] = await rows<{ mergedInto: string | null }>(
      t,
      sql`SELECT merged_into_id AS "mergedInto" FROM reports WHERE id = ${theirs.id}`,
    );
    expect(row?.mergedInto ?? null).toBeNull();
  });
});
