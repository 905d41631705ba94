import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, type DemoRole } from '../../src/demo/users.ts';
import { scaled } from '../support/timeouts.ts';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export type ConsoleProblems = string[];

/**
 * Collects console errors and uncaught exceptions. Chromium's own "Failed to load resource" lines
 * are left out: they report blocked tiles and expected 401s, not faults of the app.
 */
export function watchConsole(page: Page, problems: ConsoleProblems = []): ConsoleProblems {
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`${page.url()}: console.error ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

/** Runs axe-core on the page and fails on any serious or critical violation (printing each). */
export async function checkA11y(page: Page, label: string): Promise<void> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))`,
  );
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.error(`[axe] ${label}: ${v.impact} ${v.id} — ${v.help}`);
    for (const n of v.nodes.slice(0, 5))
      console.error(`    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`);
  }
  expect(
    bad.map((v) => `${v.impact} ${v.id}`),
    `accessibility violations on ${label}`,
  ).toEqual([]);
}

/**
 * Follows a link on a page whose content is still arriving. The staff workspace loads its sections
 * one by one, each pushing the links below it down the page; a click taken just as the layout shifts
 * lands elsewhere and the page stays where it was (seen under CI's load: the classifier's link, then
 * 90 s waiting for its heading). Clicks again until the address changes, within a stretched budget.
 */
export async function followLink(page: Page, name: string, options: { exact?: boolean } = {}): Promise<void> {
  const link = page.getByRole('link', { name, ...(options.exact ? { exact: true } : {}) });
  const from = page.url();
  const end = Date.now() + scaled(30_000);
  for (;;) {
    await link.click();
    try {
      await page.waitForURL((url) => url.toString() !== from, { timeout: scaled(2_000) });
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
    }
  }
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * Picks the report's point on the form's map with a click on `target` (the middle of it, or where
 * `at` says), until the form says a point is chosen. What arrives above the map while a resident
 * writes (suggested subjects and articles) pushes it down: a click measured before the shift lands
 * outside it (seen in CI: 90 s waiting for «Выбрана точка»). Measured and clicked again, within a
 * stretched budget; a second click on the map only moves the point.
 */
export async function pickPoint(
  page: Page,
  target: Locator,
  at: (box: Box) => { x: number; y: number } = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 }),
): Promise<void> {
  await target.waitFor();
  const end = Date.now() + scaled(30_000);
  for (;;) {
    await page.locator('.picker .map').scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    expect(box, 'where to click on the map').not.toBeNull();
    const { x, y } = at(box!);
    await page.mouse.click(x, y);
    try {
      await page.getByText('Выбрана точка:').waitFor({ timeout: scaled(2_000) });
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
    }
  }
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/**
 * The captions (or first headings) of the tables on the page wider than their box: on a desktop an
 * admin table that scrolls sideways hides its last columns — the edit buttons (see admin.css).
 */
export async function tablesWiderThanTheirBox(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('table')]
    .filter((t) => { const box = t.closest('.table-scroll') ?? t.parentElement; return box.scrollWidth > box.clientWidth + 1; })
    .map((t) => (t.querySelector('caption, th')?.textContent ?? '').trim())`);
}

/**
 * Words inside the elements matched by `selector` that the layout split over two lines — a table
 * squeezing a column to one letter's width made "Место" read "Мест" / "о".
 */
export async function wordsSplitAcrossLines(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const split = [];
    for (const element of document.querySelectorAll(${JSON.stringify(selector)})) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) split.push(word[0]);
        }
      }
    }
    return split;
  })()`);
}

export function demoUser(role: DemoRole, match?: (u: (typeof DEMO_USERS)[number]) => boolean) {
  const user = DEMO_USERS.find((u) => u.role === role && (!match || match(u)));
  if (!user) throw new Error(`no demo user with role ${role}`);
  return { email: user.email, password: DEMO_PASSWORD, name: user.name };
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('form button[type=submit]');
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Waits until the report page shows this status in its header badge. */
export async function expectStatus(page: Page, text: string): Promise<void> {
  const badge = page.locator('.report-head .badge');
  await badge.filter({ hasText: text }).waitFor({ timeout: scaled(20_000) });
  expect((await badge.textContent())?.trim()).toBe(text);
}

/** A small, real photo. */
export async function photo(colour: { r: number; g: number; b: number }, name: string) {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Signs in through the API (not the UI) to check what the server holds. */
export async function apiSession(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`API sign-in failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(pathname: string): Promise<T> => {
    const r = await fetch(`${baseUrl}${pathname}`, { headers: { cookie, accept: 'application/json' } });
    if (!r.ok) throw new Error(`GET ${pathname}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/** Full-page screenshots for a person to look at, when VMESTE_E2E_SCREENSHOTS names a folder. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.VMESTE_E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
