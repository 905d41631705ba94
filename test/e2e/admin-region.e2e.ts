import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectangleAround } from '../../src/lib/geojson.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, horizontalOverflow, login, watchConsole } from './ui.ts';

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

/** A small square (GeoJSON Feature) around a point, as a file an admin would upload. */
function squareFile(lon: number, lat: number, half = 0.002) {
  const feature = { type: 'Feature', properties: {}, geometry: rectangleAround(lon, lat, half) };
  return {
    name: 'boundary.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(feature)),
  };
}

describe('administration of territories, organisations and the region', () => {
  it('an admin edits an organisation’s hours and adds a territory; the public pages show both', async () => {
    const problems: string[] = [];
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    watchConsole(page, problems);
    const admin = demoUser('admin');
    await login(page, admin.email, admin.password);

    // Organisations: from the list to the directory's hours editor of the first one.
    await page.goto('/staff');
    await followLink(page, 'Организации', { exact: true });
    await page.getByRole('heading', { name: 'Организации', level: 1 }).waitFor();
    await checkA11y(page, 'organisations admin');
    const hoursLink = page.getByRole('link', { name: /^Часы работы: / }).first();
    const orgName = ((await hoursLink.getAttribute('aria-label')) ?? '').replace(/^Часы работы: /, '');
    await hoursLink.click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]+\/edit$/);
    const orgId = /organisations\/([0-9a-f-]+)\/edit/.exec(page.url())![1]!;
    // Replace the schedule with one Saturday interval, 10:00–14:30.
    const remove = page.getByRole('button', { name: 'Удалить', exact: true });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByRole('button', { name: /Добавить интервал/ }).click();
    const interval = page.locator('.hours-row').first();
    await interval.locator('select').selectOption('6');
    await interval.locator('input[type=time]').nth(0).fill('10:00');
    await interval.locator('input[type=time]').nth(1).fill('14:30');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    // Saved, the app opens the organisation's page (a client-side navigation: nothing to "load").
    await page.waitForURL(new RegExp(`/organisations/${orgId}$`), { waitUntil: 'commit' });
    await page.goto(`/organisations/${orgId}`);
    await page.getByRole('heading', { name: orgName, level: 1 }).waitFor();
    const hours = page.locator('.hours-table');
    await hours.filter({ hasText: '14:30' }).waitFor();
    expect(await hours.textContent()).toContain('10:00');

    // Territories: a new district with an uploaded boundary; the public map's district filter lists it.
    await page.goto('/staff');
    await followLink(page, 'Территории', { exact: true });
    await page.getByRole('heading', { name: 'Территории', level: 1 }).waitFor();
    await page.fill('#terr-code', 'e2e-district');
    await page.fill('#terr-name-ru', 'Район Е2Е');
    await page.fill('#terr-name-en', 'E2E district');
    await page.locator('#terr-boundary').setInputFiles(squareFile(30.2, 59.9));
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Территория добавлена.' }).waitFor();
    await page.getByRole('rowheader', { name: /Район Е2Е/ }).waitFor();
    await checkA11y(page, 'territories admin');

    // A swapped file is refused with the reason named.
    await page.fill('#terr-code', 'e2e-swapped');
    await page.locator('#terr-boundary').setInputFiles(squareFile(59.9, 30.2));
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page
      .getByText(/перепутаны/)
      .first()
      .waitFor();

    await page.goto('/');
    const filter = page.locator('#filter-territory');
    await filter.waitFor();
    // The options arrive with the territories query.
    await filter.locator('option', { hasText: 'Район Е2Е' }).waitFor({ state: 'attached' });
    expect(await filter.locator('option', { hasText: 'Район Е2Е' }).count()).toBe(1);

    // Region settings at 360 px: the form fits the screen and is reachable by keyboard.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/admin/region');
    await page.getByRole('heading', { name: 'Настройки региона', level: 1 }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkA11y(page, 'region settings admin');
    await page.locator('#region-disputeWindowDays').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('9');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Настройки сохранены' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
