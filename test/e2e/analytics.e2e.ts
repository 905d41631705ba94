import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, horizontalOverflow } from './ui.ts';

const { problems, pageAs } = liveAppForThisFile();

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The dashboard's "received" figure, once the refresh job has folded the demo reports in. */
async function receivedFigure(page: Page): Promise<number> {
  const value = page.locator('[data-figure="received"] .figure__value');
  for (let i = 0; i < 45; i++) {
    await value.waitFor();
    const n = Number((await value.textContent())?.replace(/\D/g, ''));
    if (n > 0) return n;
    await page.waitForTimeout(2000);
    await page.reload();
  }
  throw new Error('the dashboard never showed a received report');
}

describe('analytics in the web app', () => {
  it('renders the dashboard with data, a filter changes it, exports download files that open', async () => {
    const analyst = demoUser('analyst');
    const page = await pageAs(analyst.email, analyst.password);
    const to = iso(Date.now() + 3 * 3_600_000);
    const from = iso(Date.now() - 365 * 86_400_000);
    await page.goto(`/analytics?from=${from}&to=${to}`);
    await page.getByRole('heading', { name: 'Статистика и аналитика', level: 1 }).waitFor();
    const all = await receivedFigure(page);
    await page.locator('.chart-table tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Рейтинг организаций' }).waitFor();
    await page.getByRole('heading', { name: 'Системные проблемы' }).waitFor();
    // The widest table (subject × district, nine columns) scrolls in its own region, not the page.
    await page.getByRole('region', { name: 'Повторяющиеся проблемы' }).locator('tbody tr').first().waitFor();
    expect(await horizontalOverflow(page), 'the dashboard is wider than the window').toBeLessThanOrEqual(0);
    await checkA11y(page, 'analytics dashboard');

    // A district narrows every figure.
    const district = page.getByRole('combobox', { name: 'Район', exact: true });
    await district.locator('option').nth(1).waitFor({ state: 'attached' });
    const options = await district
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    await district.selectOption(options[1]!);
    await page.waitForURL(/territoryId=/);
    const figure = page.locator('[data-figure="received"] .figure__value');
    for (let i = 0; i < 50 && Number((await figure.textContent())?.replace(/\D/g, '')) === all; i++)
      await page.waitForTimeout(200);
    const narrowed = Number(
      (await page.locator('[data-figure="received"] .figure__value').textContent())?.replace(/\D/g, ''),
    );
    expect(narrowed).toBeLessThan(all);

    // The key figures as CSV, the monthly trend as XLSX: both download and open.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('#figures-heading')
        .locator('..')
        .getByRole('link', { name: /Скачать CSV/ })
        .click(),
    ]);
    const csvText = await readFile((await csv.path())!, 'utf8');
    expect(csvText).toMatch(new RegExp(`received,${narrowed},`));
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Скачать XLSX — По месяцам/ }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('period');
    let sum = 0;
    sheet.eachRow((row, i) => {
      if (i > 1) sum += Number(row.getCell(2).value);
    });
    expect(sum).toBe(narrowed);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the map at city zoom as server clusters whose counts add up', async () => {
    const resident = demoUser('resident');
    const page = await pageAs(resident.email, resident.password);
    const clusterUrls: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/map/clusters')) clusterUrls.push(r.url());
    });
    // The map is the home page; `/map`, the address people guess, leads there.
    await page.goto('/map');
    await page.waitForURL((url) => url.pathname === '/');
    const caption = page.locator('.map-caption[data-total]');
    await caption.waitFor();
    await page.locator('.cluster-marker').first().waitFor();
    const total = Number(await caption.getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    const clustered = await page
      .locator('.cluster-marker span[data-count]')
      .evaluateAll((spans) => spans.reduce((s, e) => s + Number(e.getAttribute('data-count')), 0));
    // Single reports are paths of their own class: the notices in force are drawn in the same pane.
    const singles = await page.locator('.leaflet-overlay-pane path.report-marker').count();
    expect(clustered + singles).toBe(total);
    // The same view through the list API: as many reports as the clusters hold.
    const bounds = new URL(clusterUrls[clusterUrls.length - 1]!).searchParams.get('bbox');
    expect(bounds).not.toBeNull();
    const list = (await (await page.request.get(`/api/v1/reports?bbox=${bounds}&pageSize=1`)).json()) as {
      total: number;
    };
    expect(list.total).toBe(total);
    await checkA11y(page, 'map with server clusters');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws the charts at once, without motion, when the system asks for less', async () => {
    const analyst = demoUser('analyst');
    const page = await pageAs(analyst.email, analyst.password);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/analytics');
    const canvas = page.locator('.chart-canvas canvas').first();
    await canvas.waitFor();
    // In the page (this file is compiled without the DOM's types): the canvas's pixels, and those of
    // an empty canvas of its size.
    const pixels = () => page.evaluate<string>(`document.querySelector('.chart-canvas canvas').toDataURL()`);
    const blank = await page.evaluate<string>(`(() => {
      const c = document.querySelector('.chart-canvas canvas');
      const empty = document.createElement('canvas');
      empty.width = c.width;
      empty.height = c.height;
      return empty.toDataURL();
    })()`);
    // The first frame with anything drawn is the final one: the bars do not grow into it over a second.
    let first = await pixels();
    for (let i = 0; i < 100 && first === blank; i++) first = await pixels();
    expect(first).not.toBe(blank);
    await page.waitForTimeout(1_500);
    expect(await pixels()).toBe(first);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
