import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, newResident, type TestApp } from '../support/app.ts';
import { myNotifications } from '../support/notifications.ts';
import { fileReport, loginStaff, must } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

describe('the notification dispatcher as a job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { jobs: true });
  });
  afterAll(() => t.close());

  it('is kicked by an action: the author is notified without anybody running it by hand', async () => {
    const staff = await loginStaff(t);
    const author = await newResident(t.app);
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    // pg-boss picks the job up on its own worker (polling every 2 s).
    await vi.waitFor(
      async () => {
        const mine = await myNotifications(t, author);
        expect(mine.items.map((n) => n.type).sort()).toEqual(['accepted', 'routed']);
      },
      { timeout: scaled(20_000), interval: 200 },
    );
  });
});
