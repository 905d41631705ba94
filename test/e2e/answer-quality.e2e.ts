import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser } from './ui.ts';

const { problems, pageAs, apiAs } = liveAppForThisFile();

describe('answer quality in the web app', () => {
  it('an operator keeps a template, answers with it, and the reviewer sees the flags', async () => {
    const operator = demoUser('operator', (u) => u.email.startsWith('operator.light@'));
    const moderator = demoUser('moderator');
    const resident = demoUser('resident');

    // The operator writes a template; a wrong placeholder is pointed out before anything is sent.
    const page = await pageAs(operator.email, operator.password);
    await page.goto('/staff/answer-templates');
    await page.getByRole('heading', { name: 'Шаблоны ответов', level: 1 }).waitFor();
    await page.fill('#tpl-title', 'Фонарь восстановлен');
    await page.fill('#tpl-text', 'По сообщению № {number} по адресу {adres}: светильник заменён {today}.');
    await page.getByRole('button', { name: 'Создать шаблон' }).click();
    await page.locator('#tpl-text-error', { hasText: 'Неизвестные подстановки: {adres}' }).waitFor();
    await page.fill(
      '#tpl-text',
      'По сообщению № {number} ({category}): светильник заменён {today}, {organisation}.',
    );
    await page.getByRole('button', { name: 'Создать шаблон' }).click();
    await page.locator('.template-list h2', { hasText: 'Фонарь восстановлен' }).waitFor();
    await checkA11y(page, 'answer templates');

    // A fresh street-light report reaches the operator.
    const asResident = await apiAs(resident.email, resident.password);
    const categories = await asResident<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/v1/categories',
    );
    const report = await asResident<{ id: string; number: number }>('POST', '/api/v1/reports', {
      categoryId: categories.items.find((c) => c.code === 'street-light')!.id,
      text: 'Не горит фонарь у дома на Невском, вечером совсем темно',
      lat: 59.9343,
      lon: 30.3351,
    });
    await (await apiAs(moderator.email, moderator.password))(
      'POST',
      `/api/v1/reports/${report.id}/actions/accept`,
      {},
    );
    await (await apiAs(operator.email, operator.password))(
      'POST',
      `/api/v1/reports/${report.id}/actions/start`,
      {},
    );

    // The operator picks the template: the text is filled in for this report, ready to edit.
    await page.goto(`/reports/${report.id}`);
    await page.getByText('Подготовить ответ', { exact: true }).click();
    await page.selectOption('#answer-template', { label: 'Фонарь восстановлен' });
    await page.getByRole('button', { name: 'Подставить' }).click();
    const text = await page.inputValue('#answer-text');
    expect(text).toContain(`№ ${report.number}`);
    expect(text).not.toMatch(/[{}]/);
    await checkA11y(page, 'answer form with a template');
    await page.getByRole('button', { name: 'Сохранить ответ' }).click();
    await page.getByRole('button', { name: 'Отправить ответ на проверку' }).click();
    await page.locator('.report-head .badge', { hasText: 'Ответ на проверке' }).waitFor();

    // The reviewer sees why the answer looks formal ("solved" without an "after" photo) and decides.
    const review = await pageAs(moderator.email, moderator.password);
    await review.goto(`/reports/${report.id}`);
    const flags = review.locator('.answer-quality');
    await flags.waitFor();
    expect(
      await flags.locator('[data-flag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))),
    ).toEqual(['solved_without_photo']);
    await checkA11y(review, 'answer review with flags');

    // The staff workspace shows the dispute rate per organisation.
    await review.goto('/staff');
    await review.getByRole('heading', { name: 'Оспаривания ответов по организациям' }).waitFor();
    await checkA11y(review, 'staff workspace with dispute rates');
    // The operator sees their own organisation's figures beside the region's, not everyone's list.
    await page.goto('/staff');
    const own = page.getByRole('table', { name: 'Оспаривания ответов вашей организации' });
    await own.waitFor();
    const names = await own.locator('tbody th').allTextContents();
    expect(names).toHaveLength(2);
    expect(names[0]).toContain('Городской свет');
    expect(names[1]).toBe('Все организации региона');

    expect(problems).toEqual([]);
  });
});
