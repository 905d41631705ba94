import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, expectStatus } from './ui.ts';

type Category = { id: string; parentId: string | null; code: string };
type Territory = { id: string; code: string; center: { lat: number; lon: number } };

const { problems, pageAs, apiAs } = liveAppForThisFile();

function userPage(role: Parameters<typeof demoUser>[0], match?: Parameters<typeof demoUser>[1]) {
  const user = demoUser(role, match);
  return pageAs(user.email, user.password);
}

describe('duplicates in the web app', () => {
  it('offers the existing report while writing, supports it, and lets the moderator merge and unmerge', async () => {
    const stamp = Date.now();
    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const annaApi = await apiAs(anna.email, anna.password);
    const moderator = demoUser('moderator');
    const modApi = await apiAs(moderator.email, moderator.password);
    const categories = (await annaApi<{ items: Category[] }>('GET', '/api/v1/categories')).items;
    const subject = categories.find((c) => c.code === 'street-light')!;
    const district = (await annaApi<{ items: Territory[] }>('GET', '/api/v1/territories')).items.find(
      (t) => t.code === 'tsentralny',
    )!;

    // Anna's report, at the district's centre, accepted (public) by the moderator.
    const primary = await annaApi<{ id: string; number: number }>('POST', '/api/v1/reports', {
      categoryId: subject.id,
      text: `Не горит фонарь у дома 12 на Невском проспекте, вечером совсем темно (${stamp})`,
      ...district.center,
    });
    await modApi('POST', `/api/v1/reports/${primary.id}/actions/accept`, {});

    // Ivan writes about the same lamp: the form offers Anna's report, and he supports it.
    const ip = await userPage('resident', (u) => u.email.startsWith('ivan.'));
    await ip.goto('/reports/new');
    await ip.selectOption('#report-topic', subject.parentId!);
    await ip.selectOption('#report-category', subject.id);
    await ip.fill('#report-text', 'Фонарь возле дома 12 на Невском не горит уже неделю');
    await ip.getByLabel('Адрес и район').check();
    await ip.selectOption('#report-territory', district.id);
    await ip.fill('#report-address', 'Невский проспект, 12');
    const offered = ip.locator('.similar .similar-item', { hasText: `№ ${primary.number}` });
    await offered.waitFor();
    await ip.getByRole('heading', { name: 'Возможно, об этом уже сообщили' }).waitFor();
    await checkA11y(ip, 'report form with similar reports');
    await offered.getByRole('button', { name: `Поддержать сообщение № ${primary.number}` }).click();
    await offered.getByText('Вы поддерживаете').waitFor();

    // He files his own anyway: the new report's page lists the similar one again, already supported.
    await ip.getByRole('button', { name: 'Отправить сообщение' }).click();
    await ip.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const duplicateId = ip.url().split('/').pop()!;
    await ip.getByRole('heading', { name: 'Похожие сообщения рядом' }).waitFor();
    await ip
      .locator('.similar-item', { hasText: `№ ${primary.number}` })
      .getByText('Вы поддерживаете')
      .waitFor();

    // The moderator merges Ivan's report into Anna's, picking it from the candidates.
    const mp = await userPage('moderator');
    await mp.goto(`/reports/${duplicateId}`);
    await mp.getByText('Объединить с другим сообщением').click();
    await mp
      .locator('.action-form')
      .getByRole('button', { name: `№ ${primary.number}` })
      .click();
    expect(await mp.inputValue('#merge-primary')).toBe(String(primary.number));
    await checkA11y(mp, 'merge form');
    await mp.getByRole('button', { name: 'Объединить', exact: true }).click();
    await expectStatus(mp, 'Объединено');
    await mp.getByText('Это сообщение объединено с основным').waitFor();

    // Anna's report now counts Ivan's support and shows the merge on its timeline.
    await mp.goto(`/reports/${primary.id}`);
    await mp.getByText('Поддержал 1 человек').waitFor();
    await mp.getByText('Присоединён дубликат').waitFor();

    // And the merge is undone: Ivan's report is back in moderation.
    await mp.goto(`/reports/${duplicateId}`);
    await mp.getByRole('button', { name: 'Отменить объединение' }).click();
    await expectStatus(mp, 'На модерации');
    await mp.getByText('Объединение отменено').waitFor();

    expect(problems).toEqual([]);
  });
});
