import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackProvider, startOidcProvider } from '../support/oidc-provider.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, expectStatus, login, pickPoint, shot, watchConsole } from './ui.ts';

let provider: LoopbackProvider;
let server: Server;
let browser: Browser;
const problems: string[] = [];
const oidcEnv = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

beforeAll(async () => {
  provider = await startOidcProvider();
  // The server inherits this process's environment: point it at the loopback provider.
  process.env.OIDC_ISSUER = provider.issuer;
  process.env.OIDC_CLIENT_ID = provider.clientId;
  process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
  try {
    server = await startServer();
  } finally {
    for (const name of oidcEnv) delete process.env[name];
  }
  // The redirect URI is the server's own callback, known once it listens.
  provider.allowRedirectUri(`${server.baseUrl}/api/v1/auth/oidc/callback`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

/** The harness's isolated context, in which the loopback provider may be reached too. */
function contextWithProvider(): Promise<BrowserContext> {
  return isolatedContext(browser, server.baseUrl);
}

async function atProvider(page: Page): Promise<void> {
  await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
  await page.locator('input[name=login]').waitFor();
}

describe('signing in with the ESIA-style provider in Chromium', () => {
  it('signs in through the provider’s log-in page and files a report', async () => {
    const sub = `esia-${randomUUID()}`;
    provider.accounts.set(sub, {
      email: `${sub}@example.org`,
      email_verified: true,
      family_name: 'Госуслугина',
      given_name: 'Ольга',
      middle_name: 'Петровна',
      address: { locality: 'Санкт-Петербург', district: 'Невский район', street_address: 'ул. Бабушкина, 1' },
    });
    const page = await (await contextWithProvider()).newPage();
    watchConsole(page, problems);

    await page.goto('/login');
    const button = page.getByRole('link', { name: 'Войти через Госуслуги' });
    await button.waitFor();
    await checkA11y(page, 'log-in page with external sign-in');
    await button.click();

    await atProvider(page);
    await page.fill('input[name=login]', sub);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.origin === new URL(server.baseUrl).origin && url.pathname === '/');

    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.user).toMatchObject({ name: 'Госуслугина Ольга Петровна', role: 'resident' });
    const identities = await (await page.request.get('/api/v1/me/identities')).json();
    expect(identities.items[0]).toMatchObject({
      emailVerified: true,
      residenceTerritoryId: expect.any(String),
    });

    // ---- the profile shows what the provider verified, the district placed from the address ----
    await page.goto('/profile');
    const verified = page.getByRole('region', { name: 'Подтверждённые данные' });
    await verified.getByText('ул. Бабушкина, 1', { exact: false }).waitFor();
    await verified.getByText('Невский район', { exact: true }).waitFor();
    await checkA11y(page, 'profile with verified details');

    // ---- the new resident files a report --------------------------------------------------------
    const categories = (await (await page.request.get('/api/v1/categories')).json()).items as {
      id: string;
      parentId: string | null;
      code: string;
    }[];
    const subject = categories.find((c) => c.code === 'street-light');
    expect(subject?.parentId).toBeTruthy();
    await page.getByRole('link', { name: 'Сообщить о проблеме' }).first().click();
    await page.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await page.selectOption('#report-topic', subject?.parentId ?? '');
    await page.selectOption('#report-category', subject?.id ?? '');
    await page.fill('#report-text', `Не горит фонарь у дома 1 на улице Бабушкина (e2e ${Date.now()})`);
    await pickPoint(page, page.locator('path.district-nevsky'));
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await expectStatus(page, 'На модерации');
    expect(problems).toEqual([]);
  });

  it('shows why a sign-in failed: refused at the provider, or a forged callback', async () => {
    const page = await (await contextWithProvider()).newPage();
    watchConsole(page, problems);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
    await atProvider(page);
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('oidcError')).toBe('oidc_access_denied');
    await page.getByRole('alert').filter({ hasText: 'Вход отменён' }).waitFor();
    expect(await (await page.request.get('/api/v1/me')).status()).toBe(401);

    await page.goto('/api/v1/auth/oidc/callback?state=forged&code=stolen');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('alert').filter({ hasText: 'Ссылка входа недействительна' }).waitFor();
    await checkA11y(page, 'log-in page with a sign-in error');
    expect(await (await page.request.get('/api/v1/me')).status()).toBe(401);
    expect(problems).toEqual([]);
  });

  it('a resident signed in with a password has the provider verify their details from the profile', async () => {
    const sub = `esia-${randomUUID()}`;
    // Another address at the provider than the account's: the link goes by the session, not the e-mail.
    provider.accounts.set(sub, {
      email: `${sub}@example.org`,
      email_verified: true,
      name: 'Анна Петрова',
      address: { locality: 'Санкт-Петербург', district: 'Невский район', street_address: 'ул. Седова, 12' },
    });
    const resident = demoUser('resident');
    const page = await (await contextWithProvider()).newPage();
    watchConsole(page, problems);
    await login(page, resident.email, resident.password);
    await page.goto('/profile');
    const verified = page.getByRole('region', { name: 'Подтверждённые данные' });
    await verified.getByText('Данные не подтверждены', { exact: false }).waitFor();
    await verified.getByRole('button', { name: 'Подтвердить через Госуслуги' }).click();

    await atProvider(page);
    await page.fill('input[name=login]', sub);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForURL(
      (url) => url.origin === new URL(server.baseUrl).origin && url.pathname === '/profile',
    );
    await verified
      .getByRole('status')
      .filter({ hasText: 'Готово: данные подтверждены через Госуслуги' })
      .waitFor();
    await verified.getByText('ул. Седова, 12', { exact: false }).waitFor();
    await verified.getByText('Невский район', { exact: true }).waitFor();
    await verified.getByRole('button', { name: 'Обновить через Госуслуги' }).waitFor();
    // Still the same account and session.
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.user.email).toBe(resident.email);
    await checkA11y(page, 'profile after verifying with the provider');
    await shot(page, 'profile-verified');
    expect(problems).toEqual([]);
  });
});
