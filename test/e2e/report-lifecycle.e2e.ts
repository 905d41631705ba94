import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/demo/users.ts';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, expectStatus, photo, pickPoint } from './ui.ts';

type Category = { id: string; parentId: string | null; code: string };
type Organisation = { id: string; code: string };
type Report = { id: string; number: number; status: string; organisation: { id: string } | null };

const { problems, pageAs: userPage } = liveAppForThisFile();

async function getJson<T>(page: Page, pathname: string): Promise<T> {
  const res = await page.request.get(pathname);
  expect(res.ok(), `GET ${pathname}`).toBe(true);
  return (await res.json()) as T;
}

/** Opens a work queue in the staff workspace and follows the link of the report with this text. */
async function openFromQueue(page: Page, queueLabel: string, text: string) {
  await page.goto('/staff');
  await page.getByRole('link', { name: queueLabel }).click();
  const card = page.locator('.work-item', { hasText: text });
  await card.waitFor();
  await checkA11y(page, `staff queue "${queueLabel}"`);
  await card.locator('.work-item__title a').click();
  await page.locator('.report-head').waitFor();
}

describe('a report through its whole life, by four people in the web app', () => {
  it('is filed, moderated, answered, reviewed, published and rated', async () => {
    const text = `Не горят фонари вдоль дома 12 на набережной, темно уже неделю (e2e ${Date.now()})`;

    // ---- the resident files a report with a photo --------------------------------------------
    const resident = demoUser('resident');
    const rp = await userPage(resident.email, resident.password);
    await rp.goto('/');
    await rp.locator('.report-card').first().waitFor();
    await rp.getByText('Карта-подложка недоступна').waitFor();
    await rp.locator('path.district-boundary').first().waitFor();
    await checkA11y(rp, 'map page');

    const categories = (await getJson<{ items: Category[] }>(rp, '/api/v1/categories')).items;
    const subject = categories.find((c) => c.code === 'street-light');
    expect(subject?.parentId).toBeTruthy();

    await rp.getByRole('link', { name: 'Сообщить о проблеме' }).first().click();
    await rp.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await rp.selectOption('#report-topic', subject!.parentId!);
    await rp.selectOption('#report-category', subject!.id);
    await rp.fill('#report-text', text);
    // Pick the point with a click inside the central district (tiles are blocked; the map still works).
    await pickPoint(rp, rp.locator('path.district-tsentralny'));
    await rp.fill('#report-address', 'Невский проспект, 1');
    await rp
      .locator('input[type=file]')
      .setInputFiles(await photo({ r: 40, g: 40, b: 60 }, 'dark-street.jpg'));
    await rp.getByText('Загружено').waitFor();
    await checkA11y(rp, 'report form');
    await rp.getByRole('button', { name: 'Отправить сообщение' }).click();
    await rp.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const reportId = rp.url().split('/').pop()!;
    await expectStatus(rp, 'На модерации');
    await rp.locator('.gallery img').first().waitFor();
    await checkA11y(rp, 'report page (resident, submitted)');

    // ---- the number the resident is told opens the report as a path too ---------------------
    const filed = await getJson<Report>(rp, `/api/v1/reports/${reportId}`);
    await rp.goto(`/reports/${filed.number}`);
    await rp.waitForURL(new RegExp(`/reports/${reportId}$`));
    await rp.getByText(`Сообщение № ${filed.number}`, { exact: true }).waitFor();
    await rp.goto('/reports/999999999');
    await rp.getByText('Сообщение № 999999999 не найдено или недоступно вам.').waitFor();
    await rp.goto(`/reports/${reportId}`);
    await expectStatus(rp, 'На модерации');

    // ---- the moderator accepts it; routing hands it to an organisation -----------------------
    const moderator = demoUser('moderator');
    const mp = await userPage(moderator.email, moderator.password);
    await openFromQueue(mp, 'Модерация', text);
    expect(mp.url()).toContain(reportId);
    await mp.getByText('Принять', { exact: true }).first().click(); // opens the "accept" form
    await mp
      .locator('details.action', { hasText: 'Принять' })
      .getByRole('button', { name: 'Принять' })
      .click();
    await mp.locator('.report-head .badge', { hasNotText: 'На модерации' }).waitFor();
    let report = await getJson<Report>(mp, `/api/v1/reports/${reportId}`);
    if (report.status === 'accepted') {
      // No routing rule applied: the curator assigns the organisation by hand.
      const curator = demoUser('curator');
      const cp = await userPage(curator.email, curator.password);
      await openFromQueue(cp, 'Куратор', text);
      await cp.getByText('Назначить исполнителя').click();
      const orgs = await getJson<{ items: Organisation[] }>(cp, '/api/v1/organisations');
      await cp.selectOption('#assign-org', orgs.items.find((o) => o.code === 'city-light')!.id);
      await cp.getByRole('button', { name: 'Назначить', exact: true }).click();
      await expectStatus(cp, 'Передано исполнителю');
      await cp.context().close();
      report = await getJson<Report>(mp, `/api/v1/reports/${reportId}`);
    }
    await mp.reload();
    await expectStatus(mp, 'Передано исполнителю');
    await checkA11y(mp, 'report page (moderator, assigned)');

    // ---- an operator of that organisation starts work and drafts a "solved" answer ----------
    const orgs = await getJson<{ items: Organisation[] }>(mp, '/api/v1/organisations');
    const orgCode = orgs.items.find((o) => o.id === report.organisation?.id)?.code;
    expect(orgCode).toBeTruthy();
    const operatorEmail =
      DEMO_USERS.find((u) => u.role === 'operator' && u.organisationCode === orgCode)?.email ??
      `operator.${orgCode}@demo.vmeste.local`;
    const op = await userPage(operatorEmail, resident.password);
    await openFromQueue(op, 'Моя организация', text);
    await op.getByRole('button', { name: 'Взять в работу' }).click();
    await expectStatus(op, 'В работе');
    const draft = op.locator('details.action', { hasText: 'Подготовить ответ' });
    if ((await draft.getAttribute('open')) === null) await draft.locator('summary').click();
    await op.selectOption('#answer-result', 'solved');
    await op.fill(
      '#answer-text',
      'Заменены две лампы и блок питания на опоре № 14. Освещение работает с 18:00.',
    );
    await draft
      .locator('input[type=file]')
      .setInputFiles(await photo({ r: 250, g: 220, b: 120 }, 'lit-street.jpg'));
    await draft.getByText('Загружено').waitFor();
    await checkA11y(op, 'report page (operator, answer form)');
    await op.getByRole('button', { name: 'Сохранить ответ' }).click();
    await expectStatus(op, 'Готовится ответ');
    await op.getByRole('button', { name: 'Отправить ответ на проверку' }).click();
    await expectStatus(op, 'Ответ на проверке');

    // ---- the reviewer publishes the answer ----------------------------------------------------
    await openFromQueue(mp, 'Проверка ответов', text);
    await mp.locator('.answer').getByText('Решено').waitFor();
    await mp.getByRole('button', { name: 'Опубликовать ответ' }).click();
    await expectStatus(mp, 'Дан ответ');
    await mp.getByText(/^до \d{1,2} [а-я]+ \d{4} г\. — ответ дан в срок$/).waitFor();
    await checkA11y(mp, 'report page (reviewer, answered)');

    // ---- "My reports" counts it among those waiting for the resident, and lists only those ------
    await rp.goto('/my');
    const yourTurn = rp.getByRole('link', { name: /^Ждут вашего ответа \d+$/ });
    await yourTurn.click();
    await rp.waitForURL('**/my?view=yourTurn');
    await rp.locator('.tab[aria-current="page"]', { hasText: 'Ждут вашего ответа' }).waitFor();
    await rp.locator('.report-card', { hasText: text }).waitFor();
    // The previous view's list stays on screen, dimmed and marked busy, until this view's page
    // arrives: once it is not busy, every card on it is one that waits for the resident.
    await rp.locator('.report-list[aria-busy="false"]').waitFor();
    const shown = (await rp.locator('.report-card .badge').allTextContents()).map((b) => b.trim());
    expect(shown.filter((b) => b !== 'Дан ответ' && b !== 'Нужно уточнение')).toEqual([]);
    expect(await rp.locator('.report-card').count()).toBeGreaterThan(0);
    await checkA11y(rp, 'my reports, waiting for me');

    // ---- the resident sees the answer and rates it 5, solved ----------------------------------
    await rp.goto(`/reports/${reportId}`);
    await expectStatus(rp, 'Дан ответ');
    await rp.locator('.answer img').first().waitFor();
    await rp.getByRole('heading', { name: 'Ответ', exact: true }).waitFor();
    // The resident is told by when to rate it before it closes unrated.
    await rp.getByText(/^Оцените ответ до \d{1,2} [а-я]+ \d{4}/).waitFor();
    await checkA11y(rp, 'report page (resident, rate form)');
    await rp.getByLabel('5 звёзд').check();
    await rp.getByLabel('Да, решена').check();
    await rp.getByRole('button', { name: 'Оценить', exact: true }).click();
    await expectStatus(rp, 'Решено');
    await rp.locator('.rating').getByText('Проблема решена').waitFor();
    const timeline = rp.locator('.timeline');
    for (const step of [
      'Сообщение отправлено',
      'Принято модератором',
      'Взято в работу',
      'Ответ опубликован',
      'Автор оценил ответ',
    ])
      await timeline.getByText(step, { exact: true }).first().waitFor();
    await checkA11y(rp, 'report page (resident, resolved)');

    const final = await getJson<Report & { rating: { score: number; solved: boolean } }>(
      rp,
      `/api/v1/reports/${reportId}`,
    );
    expect(final.status).toBe('resolved');
    expect(final.rating).toMatchObject({ score: 5, solved: true });
    expect(problems).toEqual([]);
  });
});
