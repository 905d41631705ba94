import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../support/timeouts.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { apiSession, checkA11y, demoUser, horizontalOverflow, login, pickPoint, watchConsole } from './ui.ts';

type Category = { id: string; parentId: string | null; code: string };
type Territory = { id: string; code: string; kind: string };
type ReportList = { items: { id: string; text: string }[]; total: number };

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

describe('on a 360 px phone', () => {
  it('the map page and the report form fit the screen and pass axe', async () => {
    const context = await isolatedContext(browser, server.baseUrl, { width: 360, height: 740 });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const resident = demoUser('resident');
    await login(page, resident.email, resident.password);

    await page.goto('/');
    await page.locator('.report-card').first().waitFor();
    await page.getByText('Карта-подложка недоступна').waitFor();
    expect(await horizontalOverflow(page), 'horizontal overflow on the map page').toBeLessThanOrEqual(0);
    await checkA11y(page, 'map page at 360 px');

    // The sticky header stays on top of the map: scrolled so that the map's zoom buttons pass under
    // it (or under the open menu), the header is what is drawn there, not the buttons.
    const onTop = await page.evaluate<string>(`(() => {
      const zoom = document.querySelector('.leaflet-control-zoom');
      const header = document.querySelector('.site-header');
      window.scrollBy(0, zoom.getBoundingClientRect().top - header.getBoundingClientRect().bottom + 10);
      const r = zoom.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + 5);
      return header.contains(top) ? 'header' : String(top && top.className);
    })()`);
    expect(onTop, 'what is drawn where the header and the zoom buttons meet').toBe('header');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Сообщить о проблеме' }).click();
    await page.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await page.locator('path.district-boundary').first().waitFor();
    expect(await horizontalOverflow(page), 'horizontal overflow on the report form').toBeLessThanOrEqual(0);
    // Errors from client validation are shown next to their fields, and still fit.
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.locator('#report-text-error').waitFor();
    await page.locator('#report-category-error').waitFor();
    expect(await horizontalOverflow(page), 'horizontal overflow with errors shown').toBeLessThanOrEqual(0);
    await checkA11y(page, 'report form at 360 px with errors');

    // A problem only the server can see is shown next to its field too: a point far outside the region.
    const categories = (await (await page.request.get('/api/v1/categories')).json()) as { items: Category[] };
    const subject = categories.items.find((c) => c.parentId !== null)!;
    await page.selectOption('#report-topic', subject.parentId!);
    await page.selectOption('#report-category', subject.id);
    await page.fill('#report-text', 'Проверка: точка за пределами региона');
    await pickPoint(page, page.locator('.picker .map'), (map) => ({
      x: map.x + 12,
      y: map.y + map.height - 30,
    }));
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.locator('#report-point-error', { hasText: 'за пределами региона' }).waitFor();
    expect(
      await horizontalOverflow(page),
      'horizontal overflow with a server error shown',
    ).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('on a slow network', () => {
  it('a page opened for the first time says it is loading until its code has come', async () => {
    // No service worker here: it would serve the pages' code from its cache, not over the network.
    const context = await isolatedContext(browser, server.baseUrl, undefined, { serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Сообщения о проблемах' }).waitFor();
    await expect(page.locator('.route-progress').count()).resolves.toBe(0);
    const linkTops = () =>
      page
        .locator('.nav-list a')
        .evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    const menuBefore = await linkTops();

    // From now on every script takes a second and a half to arrive.
    await page.route('**/assets/*.js', async (route) => {
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    await page.getByRole('link', { name: 'Участие', exact: true }).click();
    const progress = page.locator('.route-progress[role="status"]', { hasText: 'Загрузка' });
    await progress.waitFor();
    // The menu stays where it was while the page is on its way (the followed link is marked pending).
    expect(await linkTops(), 'the menu’s links while the page loads').toEqual(menuBefore);
    // The page the visitor came from stays until the new one can show.
    await expect(page.getByRole('heading', { name: 'Сообщения о проблемах' }).isVisible()).resolves.toBe(
      true,
    );
    await page.getByRole('heading', { name: 'Участие', level: 1 }).waitFor();
    await progress.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('offline', () => {
  it('opens without a network, keeps a report written offline and sends it exactly once when the network returns', async () => {
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    const problems = watchConsole(page);
    const resident = demoUser('resident');
    await login(page, resident.email, resident.password);
    const text = `Во дворе дома 5 сломана детская горка, торчат болты (offline e2e ${Date.now()})`;

    const categories = (await (await page.request.get('/api/v1/categories')).json()) as { items: Category[] };
    const subject = categories.items.find((c) => c.parentId !== null)!;
    const territories = (await (await page.request.get('/api/v1/territories')).json()) as {
      items: Territory[];
    };
    const district = territories.items.find((t) => t.kind === 'district')!;

    // Online once, so that the service worker caches the app shell and the reference data…
    await page.goto('/reports/new');
    // The worker registers on the first page's load and claims open pages when it activates: a page
    // (and its reference data requests) that loaded before that went past it, so reload once it is
    // active; the reloaded page and its requests go through the worker and fill its caches.
    // Functions, not strings: the page's CSP forbids eval, and Playwright evaluates strings with it.
    type Sw = { navigator: { serviceWorker: { controller: unknown; ready: Promise<unknown> } } };
    await page.evaluate(() => (globalThis as unknown as Sw).navigator.serviceWorker.ready.then(() => null));
    await page.reload();
    await page.waitForFunction(
      () => (globalThis as unknown as Sw).navigator.serviceWorker.controller !== null,
      undefined,
      { timeout: scaled(30_000) },
    );
    await page.locator('#report-topic option').nth(1).waitFor({ state: 'attached' });
    // …then the app opens without a network at all.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await page.selectOption('#report-topic', subject.parentId!);
    await page.selectOption('#report-category', subject.id);
    await page.fill('#report-text', text);
    // The typed-address way: the point becomes the district's centre.
    await page.getByLabel('Адрес и район').check();
    await page.selectOption('#report-territory', district.id);
    await page.fill('#report-address', 'ул. Садовая, д. 5, во дворе');

    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.getByText('Сохранено на устройстве, отправим, когда появится сеть').waitFor();
    await checkA11y(page, 'report form after saving offline');

    // Still offline: the report waits on the device (client-side navigation, no server needed).
    await page.getByRole('link', { name: 'Посмотреть в «Моих сообщениях»' }).click();
    const pending = page.locator('.pending-reports');
    await pending.getByText('1 сообщение ждёт отправки').waitFor();
    await pending.getByText(text).waitFor();
    const api = await apiSession(server.baseUrl, resident.email, resident.password);
    const mine = async () =>
      (await api<ReportList>('/api/v1/reports?queue=mine&pageSize=100')).items.filter((r) => r.text === text);
    expect(await mine()).toHaveLength(0);

    // Back online: the app sends it by itself (the `online` event), and only once.
    await context.setOffline(false);
    await page.getByText(/Сохранённое сообщение отправлено: № \d+/).waitFor({ timeout: scaled(30_000) });
    await pending.waitFor({ state: 'detached' });
    await page.locator('.report-card', { hasText: text }).waitFor();
    await checkA11y(page, 'my reports after sending');

    // A reload runs the start-up send again; nothing is left to send, so nothing is duplicated.
    await page.reload();
    await page.locator('.report-card', { hasText: text }).waitFor();
    await page.waitForTimeout(1000);
    expect(await mine()).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
