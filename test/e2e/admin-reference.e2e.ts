import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, login, tablesWiderThanTheirBox, watchConsole } from './ui.ts';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A bearer-token session through the API, for what the test does not click through. */
async function tokenOf(role: 'resident' | 'moderator'): Promise<string> {
  const user = demoUser(role);
  const res = await fetch(`${server.baseUrl}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function apiJson<T>(token: string, method: string, pathname: string, body?: object): Promise<T> {
  const res = await fetch(`${server.baseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${pathname}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('administration of the reference data', () => {
  it('an admin adds a category and a routing rule, and a resident’s new report goes where the rule says', async () => {
    const problems: string[] = [];
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    watchConsole(page, problems);
    const admin = demoUser('admin');
    await login(page, admin.email, admin.password);

    // A new topic and a subject under it; /admin is where the workspace with their links opens.
    await page.goto('/admin');
    await page.waitForURL((url) => url.pathname === '/staff');
    await followLink(page, 'Категории', { exact: true });
    await page.getByRole('heading', { name: 'Категории', level: 1 }).waitFor();
    await page.fill('#cat-code', 'e2e-winter');
    await page.fill('#cat-name-ru', 'Зимние проблемы');
    await page.fill('#cat-name-en', 'Winter problems');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено.' }).waitFor();
    await page.locator('#cat-parent').selectOption({ label: 'Зимние проблемы' });
    await page.fill('#cat-code', 'e2e-ice');
    await page.fill('#cat-name-ru', 'Наледь на тротуаре');
    await page.fill('#cat-name-en', 'Ice on the pavement');
    await page.fill('#cat-sla', '2');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('rowheader', { name: /Наледь на тротуаре/ }).waitFor();
    await checkA11y(page, 'categories admin');
    // Every column, the row's buttons too, in sight on a 1280 px screen.
    expect(await tablesWiderThanTheirBox(page)).toEqual([]);

    // A region-wide rule sending it to the roads directorate, checked with the tester.
    const organisations = (await (await fetch(`${server.baseUrl}/api/v1/organisations`)).json()) as {
      items: { id: string; code: string }[];
    };
    const roads = organisations.items.find((o) => o.code === 'roads-directorate')!;
    await page.goto('/staff');
    await followLink(page, 'Правила маршрутизации');
    await page.getByRole('heading', { name: 'Правила маршрутизации', level: 1 }).waitFor();
    await page.locator('#rr-category').selectOption({ label: 'Наледь на тротуаре' });
    await page.locator('#rr-organisation').selectOption({ value: roads.id });
    await page.getByRole('button', { name: 'Добавить правило' }).click();
    await page.getByRole('status').filter({ hasText: 'Правило добавлено' }).waitFor();
    await page.locator('#rt-category').selectOption({ label: 'Наледь на тротуаре' });
    // A point on Nevsky prospekt (the tester starts from the region's centre, wherever that falls).
    await page.fill('#rt-lat', '59.9343');
    await page.fill('#rt-lon', '30.3351');
    await page.getByRole('button', { name: 'Проверить' }).click();
    const answer = page.locator('.routing-result, .alert--error').first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Решает правило');
    await checkA11y(page, 'routing rules admin');
    expect(await tablesWiderThanTheirBox(page)).toEqual([]);

    // A resident files a report of the new subject; on acceptance it goes where the rule says.
    const resident = await tokenOf('resident');
    const categories = await apiJson<{ items: { id: string; code: string }[] }>(
      resident,
      'GET',
      '/api/v1/categories',
    );
    const ice = categories.items.find((c) => c.code === 'e2e-ice');
    expect(ice).toBeDefined();
    const report = await apiJson<{ id: string }>(resident, 'POST', '/api/v1/reports', {
      categoryId: ice!.id,
      text: 'Сплошная наледь на тротуаре у остановки, люди падают',
      lat: 59.9343,
      lon: 30.3351,
    });
    const moderator = await tokenOf('moderator');
    const accepted = await apiJson<{ status: string; organisation: { id: string } | null }>(
      moderator,
      'POST',
      `/api/v1/reports/${report.id}/actions/accept`,
      {},
    );
    expect(accepted).toMatchObject({ status: 'assigned', organisation: { id: roads.id } });
    expect(problems).toEqual([]);
    await context.close();
  });
});
