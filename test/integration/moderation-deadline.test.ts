import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { fileReport, getReport, loginStaff, must, type Staff } from '../support/reports.ts';

describe('moderation deadline in working hours', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
  });
  afterAll(() => t.close());

  it('is shown while the report waits for moderation, counted in office hours across the weekend', async () => {
    // Friday 6 March 2026, 16:00 in Saint Petersburg; street lights are moderated within 8 working
    // hours: one hour on Friday, then Monday 9 March is a public holiday, so Tuesday 9:00 + 7 h.
    t.clock.set(new Date('2026-03-06T13:00:00Z'));
    const filed = await fileReport(t, author);
    expect(filed.moderationDueAt).toBe('2026-03-10T13:00:00.000Z');
    const seen = (await getReport(t, staff.moderator, filed.id)).json() as { moderationDueAt: string | null };
    expect(seen.moderationDueAt).toBe('2026-03-10T13:00:00.000Z');

    const accepted = await must(t, staff.moderator, filed.id, 'accept');
    expect(accepted.moderationDueAt).toBeNull();
    expect(accepted.dueAt).not.toBeNull();
  });
});
