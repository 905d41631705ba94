import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { dispatch } from '../support/notifications.ts';
import { ANSWER_TEXT, fileReport, loginStaff, must, type Staff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * Personal data never reaches a live stream (SSE) of a reader who may not see it (issue 10, item 5;
 * the other channels are in the authorisation matrix): every byte of the report streams of the
 * public, of the analyst and of an operator of another organisation, and of another resident's
 * notification stream, is recorded while a report and a 59-ФЗ appeal go through their lives with
 * the author's contacts in them, then scanned.
 */
let t: TestApp;
let base: string;
let staff: Staff;
let author: Session;
const secret = {
  email: `sse-${randomUUID()}@example.org`,
  name: 'Василиса Потоковая',
  phone: '+7 921 555-48-26',
  address: 'Литейный проспект, 40, кв. 12',
  postal: '191028, Санкт-Петербург, Литейный, 40, кв. 12',
};
const PASSWORD = 'sse-privacy-password-1';

/** Every byte a stream sends until it is closed. */
function record(path: string, headers: Record<string, string> = {}) {
  let bytes = '';
  let status = 0;
  const req = http.get(`${base}${path}`, { headers }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      bytes += chunk;
    });
  });
  req.on('error', () => {});
  return {
    text: () => bytes,
    status: () => status,
    close: () => req.destroy(),
  };
}

beforeAll(async () => {
  t = await createTestApp({ SSE_HEARTBEAT_SECONDS: '60' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  staff = await loginStaff(t);
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email: secret.email, password: PASSWORD, name: secret.name },
  });
  expect(reg.statusCode).toBe(202);
  author = await login(t.app, secret.email, PASSWORD);
});
afterAll(() => t.close());

const leaks = (bytes: string) =>
  [secret.email, secret.name, '555-48-26', secret.address, secret.postal].filter((s) => bytes.includes(s));

async function until(check: () => boolean, what: string) {
  const end = Date.now() + scaled(20_000);
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${scaled(20)} s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live streams carry no personal data to readers who may not see it', () => {
  it(
    'report and notification streams of the public, the analyst, another operator and another resident',
    async () => {
      const other = await login(t.app, (await register()).email, PASSWORD);
      const report = await fileReport(t, author, {
        text: `Не горит фонарь у подъезда, мой телефон ${secret.phone}`,
        address: secret.address,
        isPublic: false,
      });
      const open = await fileReport(t, author, { text: 'Не горит фонарь на углу' });
      // The public report is seen by the public once accepted; the private one from its submission.
      await must(t, staff.moderator, open.id, 'accept', {});
      const streams = [
        record(`/api/v1/reports/${report.id}/live`, staff.analyst.headers),
        record(`/api/v1/reports/${report.id}/live`, staff.opRoads.headers),
        record(`/api/v1/reports/${open.id}/live`),
        record(`/api/v1/reports/${open.id}/live`, staff.analyst.headers),
        record('/api/v1/notifications/live', other.headers),
      ];
      await until(() => streams[0]!.text().includes('event: ready'), 'the analyst’s stream is ready');
      await until(() => streams[2]!.text().includes('event: ready'), 'the public stream is ready');
      // The author's contacts go into the private report's internal timeline (the clarification).
      await must(t, staff.moderator, report.id, 'request-clarification', {
        question: 'Уточните, какой подъезд',
      });
      await must(t, author, report.id, 'clarify', {
        answer: `Второй подъезд, звоните ${secret.phone}, ${secret.name}`,
      });
      await must(t, staff.moderator, report.id, 'accept', {});
      for (const id of [report.id, open.id]) {
        await must(t, staff.opLight, id, 'start', {});
        await must(t, staff.opLight, id, 'draft-answer', { text: ANSWER_TEXT, result: 'solved' });
        await must(t, staff.opLight, id, 'submit-answer', {});
        await must(t, staff.moderator, id, 'return-answer', { comment: 'Доработайте ответ' });
        await must(t, staff.opLight, id, 'submit-answer', {});
        await must(t, staff.moderator, id, 'publish-answer', {});
      }
      await dispatch(t);
      await until(() => streams[2]!.text().includes('answer_published'), 'the public hears the answer');
      await until(() => streams[0]!.text().includes('answer_published'), 'the analyst hears the answer');
      for (const s of streams) s.close();
      // The operator of another organisation may not follow the private report at all.
      expect(streams[1]!.status()).toBe(404);
      expect(streams.map((s) => leaks(s.text()))).toEqual([[], [], [], [], []]);
      // The recording did hear the events (a stream that said nothing would pass the scan trivially).
      expect(streams[0]!.text()).toContain('event: status');
      expect(streams[2]!.text()).toContain('event: status');
      expect(streams[4]!.text()).toContain('event: unread');
    },
    scaled(120_000),
  );
});

async function register() {
  const email = `sse-other-${randomUUID()}@example.org`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password: PASSWORD, name: 'Другой Житель' },
  });
  expect(res.statusCode).toBe(202);
  return { email };
}
