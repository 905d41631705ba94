import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notificationsRuntime } from '../../src/modules/notifications/runtime.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { dispatch } from '../support/notifications.ts';
import { ANSWER_TEXT, fileReport, loginStaff, must, type Staff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

type Sse = { event: string; data: Record<string, unknown> };

/**
 * Reads a server-sent event stream over real HTTP (node:http, as a browser's EventSource would
 * connect) and hands out its events one by one. No timers: each `next` waits for the bytes the
 * server writes.
 */
function openStream(base: string, path: string, headers: Record<string, string> = {}) {
  const events: Sse[] = [];
  const waiting: ((e: Sse) => void)[] = [];
  let buffer = '';
  let request: http.ClientRequest;
  const ended = new Promise<void>((done) => {
    request = http.get(`${base}${path}`, { headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) {
            const e = { event, data: JSON.parse(data) as Record<string, unknown> };
            const w = waiting.shift();
            if (w) w(e);
            else events.push(e);
          }
          end = buffer.indexOf('\n\n');
        }
      });
      res.on('close', () => done());
    });
    request.on('error', () => done());
  });
  const response = new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
  return {
    response,
    ended,
    next: (): Promise<Sse> => {
      const e = events.shift();
      return e ? Promise.resolve(e) : new Promise((resolve) => waiting.push(resolve));
    },
    close: async () => {
      request.destroy();
      await ended;
    },
  };
}

describe('live updates over server-sent events', () => {
  let t: TestApp;
  let base: string;
  let staff: Staff;
  let author: Session;

  beforeAll(async () => {
    t = await createTestApp({ SSE_HEARTBEAT_SECONDS: '60' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    staff = await loginStaff(t);
    author = await newResident(t.app);
  });
  afterAll(() => t.close());

  const hub = () => notificationsRuntime(t.app.ctx).hub;

  it('pushes a report’s status changes to an anonymous viewer of a public report, and lets go on disconnect', async () => {
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    const stream = openStream(base, `/api/v1/reports/${report.id}/live`);
    const res = await stream.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(await stream.next()).toEqual({
      event: 'ready',
      data: { reportId: report.id, status: 'assigned' },
    });

    await must(t, staff.opLight, report.id, 'start', {});
    expect(await stream.next()).toMatchObject({
      event: 'status',
      data: { reportId: report.id, type: 'started', status: 'in_progress' },
    });
    expect(hub().listenerCount()).toBe(1);
    await stream.close();
    // The server notices the client left and drops its subscription.
    await vi.waitFor(() => expect(hub().listenerCount()).toBe(0), { timeout: scaled(5_000) });
  });

  it('refuses a report the viewer may not see; its author hears the internal events', async () => {
    const appeal = await fileReport(t, author, { kind: 'appeal' });
    const refused = await fetch(`${base}/api/v1/reports/${appeal.id}/live`);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('report_not_found');

    // The author follows their appeal and sees the internal clarification request.
    const own = openStream(base, `/api/v1/reports/${appeal.id}/live`, author.headers);
    expect((await own.next()).event).toBe('ready');
    await must(t, staff.moderator, appeal.id, 'request-clarification', { question: 'Уточните адрес' });
    expect(await own.next()).toMatchObject({
      event: 'status',
      data: { type: 'clarification_requested', status: 'clarification_requested' },
    });
    await own.close();
  });

  it('keeps internal events from a public viewer', async () => {
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    await must(t, staff.opLight, report.id, 'start', {});
    const stream = openStream(base, `/api/v1/reports/${report.id}/live`);
    expect((await stream.next()).event).toBe('ready');
    await must(t, staff.opLight, report.id, 'draft-answer', { text: ANSWER_TEXT, result: 'solved' });
    await must(t, staff.opLight, report.id, 'submit-answer', {});
    await must(t, staff.moderator, report.id, 'publish-answer', {});
    // The draft and the review are internal: the first thing the public hears is the answer.
    expect(await stream.next()).toMatchObject({
      event: 'status',
      data: { type: 'answer_published', status: 'answered' },
    });
    await stream.close();
  });

  it('tells a public viewer the report is gone when it stops being visible to them', async () => {
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    const stream = openStream(base, `/api/v1/reports/${report.id}/live`);
    expect((await stream.next()).event).toBe('ready');
    // Made private behind the page's back (as an admin correction would).
    await t.app.ctx.db.execute(sql`UPDATE reports SET is_public = false WHERE id = ${report.id}`);
    await must(t, staff.opLight, report.id, 'start', {});
    expect(await stream.next()).toEqual({ event: 'gone', data: { reportId: report.id } });
    // The server ends the stream itself.
    await stream.ended;
  });

  it('pushes the unread count at once and when a notification arrives or is read', async () => {
    const reader = await newResident(t.app);
    const stream = openStream(base, '/api/v1/notifications/live', reader.headers);
    expect(await stream.next()).toEqual({ event: 'unread', data: { unread: 0 } });
    const report = await fileReport(t, reader);
    await must(t, staff.moderator, report.id, 'accept', {});
    await dispatch(t);
    expect(await stream.next()).toEqual({ event: 'unread', data: { unread: 2 } });
    await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: reader.headers });
    expect(await stream.next()).toEqual({ event: 'unread', data: { unread: 0 } });
    await stream.close();

    const anonymous = await fetch(`${base}/api/v1/notifications/live`);
    expect(anonymous.status).toBe(401);
  });

  it('closes open streams when the app shuts down', async () => {
    const other = await createTestApp();
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(other.app.server.address() as AddressInfo).port}`;
    const reader = await newResident(other.app);
    const stream = openStream(url, '/api/v1/notifications/live', reader.headers);
    expect((await stream.next()).event).toBe('unread');
    await other.close();
    await stream.close();
    expect(notificationsRuntime(other.app.ctx).hub.listenerCount()).toBe(0);
  });
});
