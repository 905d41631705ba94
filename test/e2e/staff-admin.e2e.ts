import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, startMailbox } from '../support/mailbox.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import { checkA11y, demoUser, followLink, horizontalOverflow, login, shot, watchConsole } from './ui.ts';

let server: Server;
let browser: Browser;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startServer({ SMTP_URL: mailbox.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
});

async function letterTo(address: string): Promise<ReceivedMail> {
  for (let i = 0; i < 200; i++) {
    const found = mailbox.received.find((m) => m.to.includes(address));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no letter to ${address}`);
}

describe('staff accounts', () => {
  it('an admin invites an operator; the operator accepts from the e-mail link and sees their organisation’s queue', async () => {
    const problems: string[] = [];
    const adminContext = await isolatedContext(browser, server.baseUrl);
    const page = await adminContext.newPage();
    watchConsole(page, problems);
    const admin = demoUser('admin');
    await login(page, admin.email, admin.password);

    await page.goto('/staff');
    await followLink(page, 'Сотрудники', { exact: true });
    await page.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: /operator\.light@/ }).waitFor();
    await checkA11y(page, 'staff list');
    await shot(page, 'staff-list-1280');

    const email = `e2e-operator-${Date.now()}@example.org`;
    await page.fill('#invite-email', email);
    await page.fill('#invite-name', 'Вера Приглашённая');
    await page.locator('#invite-role').selectOption('operator');
    await page.locator('#invite-organisation').selectOption({ label: 'СПб ГУП «Городской свет»' });
    await page.getByRole('button', { name: 'Отправить приглашение' }).click();
    await page.getByRole('status').filter({ hasText: email }).waitFor();
    await page.getByRole('rowheader', { name: new RegExp(email.replace(/\./g, '\\.')) }).waitFor();

    // The operator opens the link from the e-mail in their own browser.
    const letter = await letterTo(email);
    const link = /https?:\/\/\S+\/staff\/invitation\?token=\S+/.exec(letter.text)?.[0];
    expect(link, letter.text).toBeTruthy();
    const operatorContext = await isolatedContext(browser, server.baseUrl);
    const invitee = await operatorContext.newPage();
    watchConsole(invitee, problems);
    await invitee.setViewportSize({ width: 360, height: 780 });
    await invitee.goto(link!);
    await shot(invitee, 'invitation-360');
    await invitee.getByText('Вера Приглашённая, вас пригласили с ролью «исполнитель»').waitFor();
    await checkA11y(invitee, 'invitation page');
    expect(await horizontalOverflow(invitee)).toBeLessThanOrEqual(0);
    await invitee.fill('#accept-password', 'a long enough password');
    await invitee.keyboard.press('Enter');
    await invitee.waitForURL((url) => url.pathname === '/staff');
    await invitee.getByRole('heading', { name: 'Моя организация', level: 2 }).waitFor();

    // The same link does not work twice.
    await invitee.goto(link!);
    await invitee.getByRole('alert').filter({ hasText: 'Приглашение уже использовано' }).waitFor();

    // The admin sees the new account with its last sign-in, and may suspend it.
    await page.reload();
    const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
    await row.getByRole('button', { name: /Приостановить/ }).click();
    await row.getByText('Приостановлена').waitFor();
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkA11y(page, 'staff list at 360 px');
    await shot(page, 'staff-list-360');
    expect(problems).toEqual([]);
    await adminContext.close();
    await operatorContext.close();
  });
});
