import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, login, watchConsole } from './ui.ts';

let server: Server;
let browser: Browser;
let receiver: Receiver;
let secret = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  receiver = await startReceiver(() => secret, systemClock);
});

afterAll(async () => {
  await receiver?.close();
  await browser?.close();
  await server?.stop();
});

/** Files a report through the API as a demo resident (bearer token, no browser involved). */
async function fileReport(): Promise<string> {
  const resident = demoUser('resident');
  const session = await fetch(`${server.baseUrl}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: resident.email, password: resident.password }),
  });
  const { token } = (await session.json()) as { token: string };
  const categories = (await (await fetch(`${server.baseUrl}/api/v1/categories`)).json()) as {
    items: { id: string; code: string }[];
  };
  const res = await fetch(`${server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      categoryId: categories.items.find((c) => c.code === 'street-light')?.id,
      text: 'Не горит фонарь у дома, на улице совсем темно',
      lat: 59.9343,
      lon: 30.3351,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('webhooks in the web app', () => {
  it('an admin registers an endpoint, sees its secret once, and the running job delivers signed events', async () => {
    const problems: string[] = [];
    const context = await isolatedContext(browser, server.baseUrl);
    const page = await context.newPage();
    watchConsole(page, problems);
    const admin = demoUser('admin');
    await login(page, admin.email, admin.password);

    await page.goto('/staff');
    await followLink(page, 'Вебхуки');
    await page.getByRole('heading', { name: 'Вебхуки', level: 1 }).waitFor();
    await page.getByText('Адресов пока нет.').waitFor();

    // Refused in the form, in Russian, before anything is sent.
    await page.fill('#wh-url', 'ftp://example.org/hook');
    await page.getByRole('button', { name: 'Добавить адрес' }).click();
    await page.getByText('Адрес должен начинаться с http:// или https://').waitFor();

    await page.fill('#wh-url', receiver.url);
    await page.fill('#wh-description', 'СЭД района');
    await page.getByRole('button', { name: 'Добавить адрес' }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    secret = ((await shown.textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    await checkA11y(page, 'webhooks screen with the new secret');
    await page.getByRole('button', { name: 'Я сохранил(а) секрет' }).click();
    expect(await shown.count()).toBe(0);
    await page.getByRole('cell', { name: 'работает' }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // The real job (pg-boss, every few seconds) delivers the new report's event, signed.
    const reportId = await fileReport();
    const deadline = Date.now() + 60_000;
    while (!receiver.received.some((r) => r.body.report.id === reportId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const got = receiver.received.find((r) => r.body.report.id === reportId);
    expect(got).toMatchObject({ event: 'report.created', verified: 'ok' });

    await page.getByRole('button', { name: 'Журнал' }).click();
    await page.getByRole('heading', { name: /Журнал доставок/ }).waitFor();
    await page.locator('.data-table .badge', { hasText: 'доставлено' }).first().waitFor();
    await page.getByRole('button', { name: 'Подробно' }).first().click();
    await page.getByRole('heading', { name: 'Попытки' }).waitFor();
    await checkA11y(page, 'webhooks delivery log');
    expect(problems).toEqual([]);
    await context.close();
  });
});
