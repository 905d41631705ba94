import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, expectStatus } from './ui.ts';

type Category = { id: string; parentId: string | null; code: string };

const { problems, pageAs, apiAs } = liveAppForThisFile();

describe('the address registry in the report form', () => {
  it('a resident types «Невский пр 1», picks the address, and the report is placed there', async () => {
    const resident = demoUser('resident');
    const page = await pageAs(resident.email, resident.password);
    const api = await apiAs(resident.email, resident.password);
    const categories = (await api<{ items: Category[] }>('GET', '/api/v1/categories')).items;
    const subject = categories.find((c) => c.code === 'street-light')!;

    await page.goto('/reports/new');
    await page.getByRole('heading', { name: 'Сообщить о проблеме' }).waitFor();
    await page.selectOption('#report-topic', subject.parentId!);
    await page.selectOption('#report-category', subject.id);
    const text = `Не горит фонарь у входа в дом (e2e ${Date.now()})`;
    await page.fill('#report-text', text);

    const search = page.getByRole('combobox', { name: 'Найти адрес' });
    await search.fill('Невский пр 1');
    const option = page.getByRole('option', { name: 'Невский проспект, дом 1, литера А' });
    await option.waitFor();
    await checkA11y(page, 'report form with address suggestions');
    await option.click();
    expect(await page.inputValue('#report-address')).toBe('Невский проспект, дом 1, литера А');
    await page.getByText('Выбрана точка: 59.93665, 30.31395').waitFor();

    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await expectStatus(page, 'На модерации');
    const id = page.url().split('/').pop()!;
    const report = await api<{ address: string; lat: number; lon: number }>('GET', `/api/v1/reports/${id}`);
    expect(report).toMatchObject({
      address: 'Невский проспект, дом 1, литера А',
      lat: 59.93665,
      lon: 30.31395,
    });
    expect(problems).toEqual([]);
  });
});
