import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, login, watchConsole } from './ui.ts';

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

describe('API keys in the admin screens', () => {
  it('issues a key shown once, which then works for Open311, and revokes it', async () => {
    const problems: string[] = [];
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    watchConsole(page, problems);
    const admin = demoUser('admin');
    await login(page, admin.email, admin.password);

    await page.goto('/staff');
    await followLink(page, 'Ключи API');
    await page.getByRole('heading', { name: 'Ключи API', level: 1 }).waitFor();
    await checkA11y(page, 'API keys (empty)');

    // The form lists every problem next to its field.
    await page.getByRole('button', { name: 'Выпустить ключ' }).click();
    await page.locator('#api-key-name-error').waitFor();

    await page.fill('#api-key-name', 'СЭД «Городской свет»');
    await page.locator('#api-key-org option', { hasText: 'Городской свет' }).waitFor({ state: 'attached' });
    const org = await page
      .locator('#api-key-org option', { hasText: 'Городской свет' })
      .first()
      .getAttribute('value');
    await page.selectOption('#api-key-org', org!);
    await page.fill('#api-key-limit', '30');
    await page.getByRole('button', { name: 'Выпустить ключ' }).click();
    await page.getByText('Ключ для «СЭД «Городской свет»» выпущен.').waitFor();
    const key = await page.inputValue('#api-key-value');
    expect(key).toMatch(/^vmk_/);

    const table = page.getByRole('table', { name: 'Выпущенные ключи' });
    const row = table.locator('tbody tr', { hasText: 'СЭД «Городской свет»' });
    await row.waitFor();
    expect(await row.textContent()).toContain('30');
    expect(await table.textContent()).not.toContain(key);
    await checkA11y(page, 'API keys with a new key');

    const open311 = (k: string) =>
      fetch(`${server.baseUrl}/open311/v2/requests.json?api_key=${encodeURIComponent(k)}&page_size=1`);
    expect((await open311(key)).status).toBe(200);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Отозвать ключ «СЭД «Городской свет»»' }).click();
    await row.getByText(/отозван/).waitFor();
    expect((await open311(key)).status).toBe(403);

    expect(problems).toEqual([]);
    await context.close();
  });
});
