import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, followLink } from './ui.ts';

const { problems, pageAs } = liveAppForThisFile();

describe('deadlines in the web app', () => {
  it('lets the admin mark a day off in the production calendar and take it back', async () => {
    const admin = demoUser('admin');
    const page = await pageAs(admin.email, admin.password);
    await page.goto('/staff');
    await followLink(page, 'Производственный календарь');
    await page.getByRole('heading', { name: 'Производственный календарь' }).waitFor();
    await page.selectOption('#calendar-year', '2026');
    await page.getByText('247 рабочих дней в году').waitFor();
    await page.getByText('По постановлению Правительства').waitFor();

    // 9 March 2026 is the holiday moved from Sunday 8 March.
    const holiday = page.getByRole('button', { name: /^9 март: Праздник/ });
    expect(await holiday.count()).toBe(1);

    await page.getByRole('button', { name: /^20 март: Рабочий день$/ }).click();
    await page.getByRole('radio', { name: 'Праздник или перенесённый выходной' }).check();
    await page.getByLabel('Примечание (например, название праздника)').fill('Региональный праздник');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('246 рабочих дней в году').waitFor();
    await page.getByRole('button', { name: /^20 март: Праздник .*Региональный праздник$/ }).waitFor();
    await checkA11y(page, 'production calendar');

    await page.getByRole('button', { name: 'Вернуть обычное правило' }).click();
    await page.getByText('247 рабочих дней в году').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the operator the deadlines of the organisation, the due date, and extends it once', async () => {
    const operator = demoUser('operator', (u) => u.email.startsWith('operator.light'));
    const page = await pageAs(operator.email, operator.password);
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Сроки по организациям' }).waitFor();
    await page.locator('.deadline-summary tbody tr').first().waitFor();
    expect(await page.locator('.deadline-summary tbody tr').count()).toBe(1);

    const list = (await (
      await page.request.get('/api/v1/reports?queue=organisation&pageSize=50')
    ).json()) as {
      items: { id: string; dueAt: string | null }[];
    };
    const report = list.items.find((r) => r.dueAt !== null);
    expect(report).toBeDefined();
    await page.goto(`/reports/${report!.id}`);
    // Under «Срок ответа» the date alone: «до 14 марта 2026 г.» (not «Срок ответа: Ответ до …»).
    await page.getByText(/^до \d+ \S+ \d{4} г\./).waitFor();

    await page.getByText('Продлить срок ответа').click();
    await page.fill('#extend-days', '0');
    await page.fill('#extend-reason', 'Нужна подрядная организация');
    await page.getByRole('button', { name: 'Продлить срок' }).click();
    await page.getByText('Продлить можно на 1–30 дней').waitFor();
    await page.fill('#extend-days', '3');
    await page.getByRole('button', { name: 'Продлить срок' }).click();
    await page.getByText('Срок продлён на 3 рабочих дня').waitFor();
    await page.locator('.timeline').getByText('Срок продлён', { exact: true }).waitFor();
    expect(await page.getByText('Продлить срок ответа').count()).toBe(0);
    await checkA11y(page, 'report with an extended deadline');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
