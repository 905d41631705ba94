import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox } from '../support/mailbox.ts';
import { eventually, scaled } from '../support/timeouts.ts';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, expectStatus } from './ui.ts';

// Mail goes to a loopback SMTP server: the profile's e-mail change is confirmed by the link it sends.
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(() => mailbox.close());
const { problems, pageAs: userPage } = liveAppForThisFile({ env: () => ({ SMTP_URL: mailbox.url }) });

/** A state-changing API call from the page's own session (cookie + CSRF token), as the app makes it. */
async function post<T>(page: Page, pathname: string, data: unknown): Promise<T> {
  const me = await page.request.get('/api/v1/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await page.request.post(pathname, {
    data: data as object,
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(res.ok(), `POST ${pathname}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

describe('notifications in the web app', () => {
  it('the report page follows its status live, the bell counts, the list and the settings work', async () => {
    const resident = demoUser('resident');
    const rp = await userPage(resident.email, resident.password);
    const categories = (await (await rp.request.get('/api/v1/categories')).json()) as {
      items: { id: string; code: string }[];
    };
    const streetLight = categories.items.find((c) => c.code === 'street-light')!;
    const report = await post<{ id: string; number: number }>(rp, '/api/v1/reports', {
      categoryId: streetLight.id,
      text: `Не горит фонарь во дворе дома 3, темно вечером (e2e ${Date.now()})`,
      lat: 59.9343,
      lon: 30.3351,
    });
    await rp.goto(`/reports/${report.id}`);
    await expectStatus(rp, 'На модерации');
    await rp.locator('.notification-bell').waitFor();

    // A moderator asks a question first: the resident's form quotes it, and she answers there.
    const moderator = demoUser('moderator');
    const mp = await userPage(moderator.email, moderator.password);
    await post(mp, `/api/v1/reports/${report.id}/actions/request-clarification`, {
      question: 'Уточните номер подъезда, у которого не горит фонарь.',
    });
    await expectStatus(rp, 'Нужно уточнение');
    const asked = rp.locator('.clarification-question', { hasText: 'Уточните номер подъезда' });
    await asked.waitFor();
    await asked.getByText(/^Ответьте до \d{1,2} [а-я]+ \d{4}/).waitFor();
    await rp.getByLabel('Ваше уточнение').fill('У второго подъезда, со стороны двора.');
    await rp.getByRole('button', { name: 'Отправить уточнение' }).click();
    await expectStatus(rp, 'На модерации');

    // The moderator accepts it elsewhere; the resident's open page changes by itself, no reload.
    await post(mp, `/api/v1/reports/${report.id}/actions/accept`, {});
    await expectStatus(rp, 'Передано исполнителю');

    // The dispatcher job runs after the action: the bell shows the two new notifications.
    const count = rp.locator('.notification-bell__count');
    await count.filter({ hasText: /^[1-9]/ }).waitFor({ timeout: scaled(30_000) });
    await rp.locator('.notification-bell').click();
    await rp.waitForURL('**/notifications');
    await rp.getByRole('link', { name: `Сообщение № ${report.number}: принято модератором` }).waitFor();
    await checkA11y(rp, 'notifications');
    await rp.getByRole('button', { name: 'Отметить все прочитанными' }).click();
    await count.waitFor({ state: 'detached' });

    await rp.goto('/profile');
    const email = rp.getByLabel('Присылать уведомления на почту');
    await email.waitFor();
    expect(await email.isChecked()).toBe(true);
    // The box follows the server's answer (it is what the server holds, not a hope).
    await email.click();
    await rp.getByText('Настройки сохранены').waitFor();
    await expect.poll(() => email.isChecked(), { timeout: scaled(20_000) }).toBe(false);
    await checkA11y(rp, 'profile');

    expect(problems).toEqual([]);
  });

  it('a resident changes their name and password in the profile, and signs in with the new one', async () => {
    const galina = demoUser('resident', (u) => u.email.startsWith('galina.'));
    const page = await userPage(galina.email, galina.password);
    await page.goto('/profile');
    const name = page.getByLabel('Имя');
    await name.fill('Галина П. Семёнова');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Имя сохранено.').waitFor();
    // The header shows the new name at once: at 1,280 px as initials, the whole name and the role
    // being the link's accessible name and tooltip.
    const profileLink = page.getByRole('link', { name: 'Галина П. Семёнова житель' });
    await profileLink.waitFor();
    expect(await profileLink.locator('.user-initials').textContent()).toBe('ГС');
    expect(await profileLink.getAttribute('title')).toBe('Галина П. Семёнова — житель');

    // A wrong current password is said next to its field, in Russian; nothing changes.
    await page.locator('#current-password').fill('not my password');
    await page.getByLabel('Новый пароль').fill('galina new password 2026');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.locator('#current-password-error', { hasText: 'Текущий пароль указан неверно' }).waitFor();
    expect(await page.locator('#current-password').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#current-password').fill(galina.password);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText(/Пароль изменён/).waitFor();
    await checkA11y(page, 'profile with its forms');

    // The session it was changed in goes on; a new sign-in needs the new password.
    await page.getByRole('button', { name: 'Выйти' }).click();
    // The header's "Войти" opens the form alone: the visitor chose to come, there is nothing to explain.
    await page.getByRole('banner').getByRole('link', { name: 'Войти' }).click();
    await page.locator('#login-email').waitFor();
    expect(await page.locator('.page .lead').count()).toBe(0);
    // Signed out, "report a problem" leads to the sign-in page, which says why and leads back.
    await page.goto('/reports/new');
    await page.getByText('Чтобы сообщить о проблеме, войдите или зарегистрируйтесь').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#login-email', galina.email);
    await page.fill('#login-password', galina.password);
    await page.click('form button[type=submit]');
    await page.getByText('Неверная почта или пароль').waitFor();
    await page.fill('#login-password', 'galina new password 2026');
    await page.click('form button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/reports/new');

    // A new e-mail address: a link goes there, and the address changes once it is opened. The request
    // closes the form, and what waits shows above it (a reload keeps it) until it is withdrawn.
    const pendingFor = (address: string) =>
      page.getByRole('status').filter({ hasText: `Ждём подтверждения нового адреса ${address}` });
    const askFor = async (address: string) => {
      await page.getByText('Изменить адрес почты').click();
      await page.getByLabel('Новый адрес почты').fill(address);
      await page.locator('#email-password').fill('galina new password 2026');
      await page.getByRole('button', { name: 'Отправить ссылку на новый адрес' }).click();
      await pendingFor(address).waitFor();
      expect(await page.getByLabel('Новый адрес почты').isVisible()).toBe(false);
    };
    const withdrawn = `galina.withdrawn.${Date.now()}@example.org`;
    await page.goto('/profile');
    await askFor(withdrawn);
    await page.reload();
    const pending = pendingFor(withdrawn);
    await pending.waitFor();
    await checkA11y(page, 'profile with a pending address change');
    await pending.getByRole('button', { name: 'Отменить смену адреса' }).click();
    await pending.waitFor({ state: 'detached' });
    // The same page takes the next address at once, its form empty again.
    const newAddress = `galina.${Date.now()}@example.org`;
    await page.getByText('Изменить адрес почты').click();
    expect(await page.getByLabel('Новый адрес почты').inputValue()).toBe('');
    await page.getByText('Изменить адрес почты').click();
    await askFor(newAddress);
    const letter = await eventually(`a letter to ${newAddress}`, () =>
      mailbox.received.find((m) => m.to.includes(newAddress)),
    );
    const link = /\/account\/email\?token=[A-Za-z0-9_%-]+/.exec(letter.text)![0];
    await page.goto(link);
    await checkA11y(page, 'new e-mail address confirmation');
    await page.getByRole('button', { name: 'Подтвердить новый адрес' }).click();
    await page.getByText('Адрес почты изменён.').waitFor();
    await page.goto('/profile');
    await page.getByText(newAddress, { exact: true }).waitFor();
    // Nothing waits any more (asked of the server: the page may not have asked yet).
    expect(await (await page.request.get('/api/v1/me/email')).json()).toEqual({ pending: null });
    expect(problems).toEqual([]);
  });
});
