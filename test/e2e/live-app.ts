import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/users.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { login, watchConsole } from './ui.ts';

/**
 * One running platform (the real CLI on a fresh seeded database) and one Chromium for a test file:
 * started before its tests, stopped after them (`env`: settings of that server, such as a loopback
 * SMTP server's address). `pageAs` gives a signed-in page in its own context,
 * whose console errors land in `problems` (each test expects it empty).
 */
export function liveAppForThisFile(options: { env?: () => NodeJS.ProcessEnv } = {}) {
  let server: Server | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    // Read when the server starts: a mail server started by an earlier hook of the file names itself.
    server = await startServer(options.env?.());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page of a browser of its own, nobody signed in. */
  async function visitorPage(): Promise<Page> {
    if (!server || !browser) throw new Error('the live app is not running (use it inside a test)');
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    watchConsole(page, problems);
    return page;
  }

  async function pageAs(email: string, password: string = DEMO_PASSWORD): Promise<Page> {
    const page = await visitorPage();
    await login(page, email, password);
    return page;
  }

  /** A bearer-token API client, to set the scene quickly (no CSRF with a bearer token). */
  async function apiAs(email: string, password: string = DEMO_PASSWORD) {
    if (!server) throw new Error('the live app is not running (use it inside a test)');
    const base = server.baseUrl;
    const res = await fetch(`${base}/api/v1/session?mode=token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in ${email}: HTTP ${res.status}`);
    const { token } = (await res.json()) as { token: string };
    return async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${base}${pathname}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!r.ok) throw new Error(`${method} ${pathname}: HTTP ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
  }

  return { problems, pageAs, visitorPage, apiAs };
}
