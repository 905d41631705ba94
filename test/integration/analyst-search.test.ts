import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { driveTo, listReports, loginStaff, type Staff } from '../support/reports.ts';

/**
 * The analyst reads reports that are not public with the contacts masked and the point coarsened
 * (docs/security.md, policy 2). A filter must not find what the answer hides: a search for a phone
 * number or an e-mail, or a box drawn around the exact point, would tell which private report a
 * person filed.
 */
let t: TestApp;
let staff: Staff;
let author: Session;
const PHONE = '8 921 777 41 52';
const EMAIL = 'zinaida.private@example.org';
// A point whose coarsened form (two decimals) is a good 300 m away.
const POINT = { lat: 59.93671, lon: 30.33649 };
let privateId = '';
let publicId = '';

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  author = await newResident(t.app);
  privateId = (
    await driveTo(t, staff, author, 'in_progress', {
      isPublic: false,
      text: `Не горит фонарь во дворе, звоните ${PHONE} или пишите ${EMAIL}`,
      ...POINT,
    })
  ).id;
  publicId = (
    await driveTo(t, staff, author, 'in_progress', {
      text: 'Не горит фонарь, телефон диспетчерской 8 812 555 19 19',
    })
  ).id;
});
afterAll(() => t.close());

const ids = async (who: Session, query: string) =>
  ((await listReports(t, who, query)).json() as { items: { id: string }[] }).items.map((i) => i.id);

describe("the analyst's filters match only what the analyst may see", () => {
  it('a search by the phone or e-mail typed in a private report does not find it', async () => {
    for (const q of ['89217774152', '921 777 41 52', '777', EMAIL])
      expect(await ids(staff.analyst, `q=${encodeURIComponent(q)}&pageSize=100`), q).not.toContain(privateId);
    // The words they may read still find it; those who handle it still find it by the phone.
    expect(await ids(staff.analyst, `q=${encodeURIComponent('фонарь двор')}&pageSize=100`)).toContain(
      privateId,
    );
    expect(await ids(staff.moderator, `q=${encodeURIComponent('921 777 41 52')}&pageSize=100`)).toContain(
      privateId,
    );
    // Public reports are searched as everyone searches them.
    expect(await ids(staff.analyst, `q=${encodeURIComponent('812 555 19 19')}&pageSize=100`)).toContain(
      publicId,
    );
  });

  it('a box around the exact point of a private report does not find it, one around its coarse point does', async () => {
    const box = (lat: number, lon: number, d: number) =>
      `bbox=${lon - d},${lat - d},${lon + d},${lat + d}&pageSize=100`;
    expect(await ids(staff.analyst, box(POINT.lat, POINT.lon, 0.0005))).not.toContain(privateId);
    expect(await ids(staff.analyst, box(59.94, 30.34, 0.0005))).toContain(privateId);
    expect(await ids(staff.moderator, box(POINT.lat, POINT.lon, 0.0005))).toContain(privateId);
  });
});
