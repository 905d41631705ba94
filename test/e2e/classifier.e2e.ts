import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../support/timeouts.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, login, watchConsole } from './ui.ts';

type Category = { id: string; parentId: string | null; code: string; name: { ru: string } };

// One server for both tests: the demo seed trains the first classifier model at start-up.
let server: Server;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function userPage(role: 'resident' | 'admin' | 'analyst'): Promise<Page> {
  const context = await isolatedContext(browser, server.baseUrl);
  const page = await context.newPage();
  watchConsole(page, problems);
  const user = demoUser(role);
  await login(page, user.email, user.password);
  return page;
}

describe('the report classifier in the web app', () => {
  it('suggests subjects while a resident types, and a suggestion fills topic and subject', async () => {
    const page = await userPage('resident');
    const categories = (
      (await (await page.request.get('/api/v1/categories')).json()) as { items: Category[] }
    ).items;
    const lighting = categories.filter((c) => c.code === 'yard-light' || c.code === 'street-light');
    expect(lighting).toHaveLength(2);
    const topic = categories.find((c) => c.id === lighting[0]!.parentId)!;

    await page.goto('/reports/new');
    await page.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await page.locator('#report-topic option').nth(1).waitFor({ state: 'attached' });
    // Typed key by key: every pause-free keystroke changes the query key, and typing is never held up.
    await page.locator('#report-text').pressSequentially('не горит фонарь во дворе', { delay: 15 });
    expect(await page.inputValue('#report-text')).toBe('не горит фонарь во дворе');

    const group = page.getByRole('group', { name: 'Возможно, это:' });
    await group.waitFor();
    const names = lighting.map((c) => c.name.ru).join('|');
    const suggestion = group
      .getByRole('button', { name: new RegExp(`^${topic.name.ru}: (${names})$`) })
      .first();
    await suggestion.waitFor();
    expect(await group.getByRole('button').count()).toBeLessThanOrEqual(3);
    // The polite live region says what was suggested.
    await page.locator('[aria-live="polite"]', { hasText: 'Возможно, это:' }).waitFor({ state: 'attached' });

    expect(await page.inputValue('#report-topic')).toBe('');
    // Chosen by its name, not its place: an answer for an earlier, shorter text may still be shown
    // (kept so the buttons do not flicker) and the final one may order the subjects differently.
    const label = (await suggestion.getAttribute('aria-label')) ?? '';
    const subject = lighting.find((c) => label === `${topic.name.ru}: ${c.name.ru}`)!;
    const chosen = (pressed: boolean) => group.getByRole('button', { name: label, exact: true, pressed });
    await chosen(false).click();
    expect(await page.inputValue('#report-topic')).toBe(topic.id);
    expect(await page.inputValue('#report-category')).toBe(subject.id);
    await chosen(true).waitFor();
    await checkA11y(page, 'report form with category suggestions');

    // While the answer for a new text is on its way, the last suggestions stay, dimmed and not to be
    // pressed (the new answer may reorder them under the pointer).
    await page.route('**/api/v1/suggestions/categories', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.fill('#report-text', 'не горит фонарь у подъезда, во дворе темно');
    await expect.poll(() => group.getAttribute('aria-busy'), { timeout: scaled(10_000) }).toBe('true');
    expect(await chosen(true).isDisabled()).toBe(true);
    await expect.poll(() => group.getAttribute('aria-busy'), { timeout: scaled(20_000) }).toBe('false');
    expect(await group.getByRole('button').first().isDisabled()).toBe(false);
    await page.unroute('**/api/v1/suggestions/categories');

    // No network for suggestions: nothing is suggested and no error is shown; the form still works.
    await page.route('**/api/v1/suggestions/categories', (route) => route.abort());
    await page.fill('#report-text', 'во дворе яма на асфальте, машины не проедут');
    await page.waitForTimeout(1200);
    expect(await group.count()).toBe(0);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.inputValue('#report-category')).toBe(subject.id);

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows admins the active model and its history, and retrains on request', async () => {
    const page = await userPage('admin');
    await page.goto('/staff');
    await followLink(page, 'Классификатор сообщений');
    await page.getByRole('heading', { name: 'Классификатор сообщений', level: 1 }).waitFor();

    const table = page.getByRole('table', { name: /История моделей/ });
    const activeRow = table.locator('tbody tr', { hasText: 'действующая' });
    await activeRow.waitFor();
    expect(await activeRow.count()).toBe(1);
    expect(await activeRow.textContent()).toContain('начальная модель');
    expect(await activeRow.locator('th[scope="row"]').count()).toBe(1);
    await page.getByRole('region', { name: 'Действующая модель' }).getByText(/%/).first().waitFor();
    // The weekly routing figures: a table, or the note that nothing was routed lately.
    const weekly = page.getByRole('region', { name: 'Маршрутизация по неделям' });
    await weekly
      .getByText(/По правилу|ни одно обращение не направлено/)
      .first()
      .waitFor();
    await checkA11y(page, 'classifier administration');

    // Retraining: queued, then polled until the new model (accepted or rejected) shows in the table.
    const rowsBefore = await table.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Переобучить сейчас' }).click();
    await page.getByText('Задача поставлена в очередь.').waitFor();
    // Training runs in the server's job queue: minutes where CI runs four suites on two cores.
    await page.getByText(/Обучение завершено/).waitFor({ timeout: scaled(60_000) });
    expect(await table.locator('tbody tr').count()).toBe(rowsBefore + 1);
    await checkA11y(page, 'classifier administration after retraining');
    await page.context().close();

    // Analysts see the figures but cannot retrain.
    const analyst = await userPage('analyst');
    await analyst.goto('/admin/classifier');
    await analyst.getByRole('table', { name: /История моделей/ }).waitFor();
    expect(await analyst.getByRole('button', { name: 'Переобучить сейчас' }).count()).toBe(0);
    await analyst.context().close();

    expect(problems).toEqual([]);
  });
});
