import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scaled } from '../support/timeouts.ts';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, horizontalOverflow, shot } from './ui.ts';

const { problems, pageAs, apiAs } = liveAppForThisFile();

/** How many of the header's parts (brand, sections, language switch, user menu) start below the brand. */
async function headerPartsBelowBrand(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const brand = document.querySelector('.site-header .brand')?.getBoundingClientRect();
    if (!brand) return ['no brand'];
    return ['.nav-list', '.lang-switch', '.user-menu'].filter((selector) => {
      const box = document.querySelector('.site-header ' + selector)?.getBoundingClientRect();
      return !box || box.top >= brand.bottom;
    });
  })()`);
}

describe('the staff workspace', () => {
  it('an operator sorts the queue by due date, sees the overdue marker and applies a saved view', async () => {
    const operator = demoUser('operator', (u) => u.email.startsWith('operator.light'));
    // A clean slate when the run reuses a deployment (VMESTE_E2E_URL): no views from an earlier run.
    const asOperator = await apiAs(operator.email, operator.password);
    const { items: old } = await asOperator<{ items: { id: string }[] }>('GET', '/api/v1/workspace/views');
    for (const v of old) await asOperator('DELETE', `/api/v1/workspace/views/${v.id}`).catch(() => undefined);
    const page = await pageAs(operator.email, operator.password);
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Моя организация', level: 2 }).waitFor();
    await page.locator('.work-item').first().waitFor();

    await page.getByLabel('Порядок', { exact: true }).selectOption({ label: 'По сроку ответа' });
    await page.waitForURL(/sort=due/);
    // The nearest deadline first: the demo's oldest open work is past its deadline.
    const first = page.locator('.work-item').first();
    await first.locator('.badge', { hasText: /^Просрочено на \d+ рабоч/ }).waitFor();
    const dues = await page.locator('.work-item__due').allInnerTexts();
    expect(dues.length).toBeGreaterThan(1);
    await checkA11y(page, 'staff workspace sorted by due date');
    expect(await headerPartsBelowBrand(page)).toEqual([]);
    await shot(page, 'workspace-1280');

    // A report found by its number: the queue narrows to it, in the search's own order; clearing
    // the search brings the sorted queue back.
    const { items: queued } = await asOperator<{ items: { number: number }[] }>(
      'GET',
      '/api/v1/reports?queue=organisation&pageSize=3',
    );
    const wanted = queued[queued.length - 1]!.number;
    await page.getByLabel('Поиск по тексту или номеру').fill(String(wanted));
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(new RegExp(`q=${wanted}`));
    await page
      .locator('.work-item', { hasText: `Сообщение № ${wanted}` })
      .first()
      .waitFor();
    await expect.poll(() => page.locator('.work-item').count(), { timeout: scaled(20_000) }).toBe(1);
    expect(await page.getByLabel('Порядок', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Поиск по тексту или номеру').fill('');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect
      .poll(() => page.locator('.work-item').count(), { timeout: scaled(20_000) })
      .toBeGreaterThan(1);
    expect(page.url()).toContain('sort=due');

    // Only the overdue ones, saved as a view; back to the plain queue; the view brings the filter back.
    await page.getByLabel('Срок', { exact: true }).selectOption({ label: 'Только просроченные' });
    await page.waitForURL(/overdue=true/);
    // A list is saved once its search and filters are chosen: the field comes after them.
    const topOf = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((e) => e.getBoundingClientRect().top);
    expect(await topOf('Сохранить этот вид как')).toBeGreaterThan(await topOf('Срок'));
    await page.getByLabel('Сохранить этот вид как').fill('Просроченные по сроку');
    await page.getByRole('button', { name: 'Сохранить вид' }).click();
    await page.getByRole('button', { name: 'Просроченные по сроку' }).waitFor();
    await page.getByText('Показан вид «Просроченные по сроку»').waitFor();

    await page.goto('/staff?queue=organisation');
    await page.locator('.work-item').first().waitFor();
    expect(await page.getByText('Показан вид').count()).toBe(0);
    await page.getByRole('button', { name: 'Просроченные по сроку' }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByText('Показан вид «Просроченные по сроку»').waitFor();
    // The list shown before the view's query answered may still be on screen for a moment: wait
    // until every item on it is an overdue one.
    await page.locator('.work-item--overdue').first().waitFor();
    await expect
      .poll(
        async () =>
          (await page.locator('.work-item').count()) - (await page.locator('.work-item--overdue').count()),
        // The default second is too short when the browser shares two cores with three test suites.
        { timeout: scaled(20_000) },
      )
      .toBe(0);

    // On a phone the queue comes first, the figures after, and nothing overflows sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('.work-item').first().waitFor();
    const queueTop = await page.locator('#queue-heading').evaluate((e) => e.getBoundingClientRect().top);
    const figuresTop = await page
      .getByRole('heading', { name: 'Сроки по организациям' })
      .evaluate((e) => e.getBoundingClientRect().top);
    expect(queueTop).toBeLessThan(figuresTop);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'workspace-360');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a moderator accepts several reports at once and is told which one was refused and why', async () => {
    const resident = demoUser('resident');
    const moderator = demoUser('moderator');
    const asResident = await apiAs(resident.email, resident.password);
    const asModerator = await apiAs(moderator.email, moderator.password);
    const { items: cats } = await asResident<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/v1/categories',
    );
    const categoryId = cats.find((c) => c.code === 'street-light')?.id;
    const file = (n: number) =>
      asResident<{ id: string; number: number }>('POST', '/api/v1/reports', {
        categoryId,
        text: `Не горит фонарь у дома ${n}, на улице совсем темно`,
        lat: 59.9343,
        lon: 30.3351,
      });
    const [a, b, c] = [await file(11), await file(12), await file(13)];

    const page = await pageAs(moderator.email, moderator.password);
    await page.goto('/staff?queue=moderation&sort=age');
    for (const r of [a, b, c]) await page.getByLabel(`Выбрать обращение № ${r.number}`).check();
    await page.getByText('Выбрано: 3').waitFor();
    await page
      .getByText(/^Модерация до /)
      .first()
      .waitFor();
    // Another moderator rejects one of them meanwhile.
    await asModerator('POST', `/api/v1/reports/${c.id}/actions/reject`, {
      reason: 'Сообщение не по теме платформы',
    });
    await page.getByRole('button', { name: 'Принять выбранные' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Выполнено: 2, не выполнено: 1' });
    await result.waitFor();
    await result.getByText(`№ ${c.number}:`, { exact: false }).waitFor();
    for (const r of [a, b]) {
      const report = await asModerator<{ status: string }>('GET', `/api/v1/reports/${r.id}`);
      expect(['assigned', 'accepted']).toContain(report.status);
    }
    await checkA11y(page, 'bulk accept result');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
