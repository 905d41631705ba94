import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { demoUser } from './ui.ts';

/**
 * The Content-Security-Policy the server sends is one the web app satisfies: Chromium reports no
 * violation on any page, for any role (issue 10, item 6). A violation would mean either a page that
 * breaks under the policy or a policy loosened to let it through.
 */
const { problems, pageAs } = liveAppForThisFile();

type Violation = { directive: string; blocked: string; source: string };

async function watchCsp(page: Page): Promise<() => Promise<Violation[]>> {
  // Plain script text: it runs in the page, before the app, on every navigation.
  await page.addInitScript({
    content: `window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));`,
  });
  const logged: Violation[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy'))
      logged.push({ directive: 'console', blocked: m.text(), source: page.url() });
  });
  return async () => [...logged, ...(await page.evaluate<Violation[]>('window.__csp ?? []'))];
}

/** How far a page's title sits below the header or its section menu, whichever is lower (px). */
const titleGap = `(() => {
  const h1 = document.querySelector('main h1');
  if (!h1) return null;
  const above = [...document.querySelectorAll('.site-header, .section-nav')].map((e) => e.getBoundingClientRect().bottom);
  return Math.round(h1.getBoundingClientRect().top - Math.max(...above));
})()`;

/** The pages' CSP violations, and (while they are open anyway) titles pressed against what is above. */
const cramped: string[] = [];

async function visit(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const violations = await watchCsp(page);
  for (const path of paths) {
    await page.goto(path);
    await page.locator('main, h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    for (const v of await violations()) found.push(`${path}: ${v.directive} ${v.blocked} (${v.source})`);
    const gap = await page.evaluate<number | null>(titleGap);
    if (gap !== null && gap < 16) cramped.push(`${path}: the title is ${gap} px under the header`);
  }
  return [...new Set(found)];
}

describe('Content-Security-Policy', () => {
  it('is sent, and no page of any role violates it (nor presses its title against the header)', async () => {
    const resident = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const residentPage = await pageAs(resident.email, resident.password);
    const header = (await residentPage.request.get('/')).headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self'");
    expect(header).toContain("default-src 'self'");

    const found = [
      ...(await visit(residentPage, [
        '/',
        '/reports/new',
        '/my',
        '/analytics',
        '/knowledge',
        '/notices',
        '/objects',
        '/organisations',
        '/participation',
        '/discussions',
        '/initiatives',
        '/notifications',
        '/profile',
        '/login',
        '/register',
        '/account/reset',
      ])),
    ];
    const admin = demoUser('admin');
    found.push(
      ...(await visit(await pageAs(admin.email, admin.password), [
        '/staff',
        '/admin/classifier',
        '/admin/calendar',
        '/admin/api-keys',
        '/admin/webhooks',
      ])),
    );
    const operator = demoUser('operator', (u) => u.email.startsWith('operator.light'));
    found.push(
      ...(await visit(await pageAs(operator.email, operator.password), [
        '/staff',
        '/staff/answer-templates',
        '/objects/new',
      ])),
    );
    // A report page, with its map and timeline.
    await residentPage.goto('/my');
    const firstReport = residentPage.locator('a[href^="/reports/"]').first();
    if ((await firstReport.count()) > 0) {
      const href = (await firstReport.getAttribute('href')) ?? '/';
      found.push(...(await visit(residentPage, [href])));
    }
    expect(found).toEqual([]);
    // Every page's title has the space above it the others have (the dashboard's sat on the header).
    expect(cramped).toEqual([]);
    expect(problems).toEqual([]);
  });
});
