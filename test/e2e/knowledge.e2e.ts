import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser, horizontalOverflow } from './ui.ts';

type Organisation = { id: string; code: string };

const { problems, pageAs, apiAs } = liveAppForThisFile();

describe('knowledge base and organisation directory in the web app', () => {
  it('suggests an article while a resident writes a report, and counts "this answered my question"', async () => {
    const stamp = Date.now();
    const moderator = demoUser('moderator');
    const modApi = await apiAs(moderator.email, moderator.password);
    const title = `Отключение горячего водоснабжения летом (${stamp})`;
    const article = await modApi<{ id: string }>('POST', '/api/v1/knowledge/articles', {
      title,
      body: 'Летом горячую воду отключают на время **гидравлических испытаний** тепловых сетей, обычно на 10 дней.',
      status: 'published',
    });

    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const page = await pageAs(anna.email, anna.password);
    await page.goto('/reports/new');
    await page.fill('#report-text', 'Отключили горячую воду в квартире, когда включат?');
    const suggestions = page.getByTestId('knowledge-suggestions');
    await suggestions.getByRole('heading', { name: 'Возможно, ответ уже есть' }).waitFor();
    const item = suggestions.locator('li', { hasText: title });
    await item.waitFor();
    await checkA11y(page, 'report form with article suggestions');
    // Two answers in quick succession, each held back 300 ms on its way: the first is still counted
    // and said so, though the second was sent before the first came back. The route stays for the
    // page's life: unrouted while a held request waited, it was continued twice ("already handled").
    await page.route('**/api/v1/knowledge/articles/*/feedback', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    const other = suggestions.locator('li').filter({ hasNotText: title }).first();
    const otherTitle = (await other.getByRole('link').textContent())!;
    await item.getByRole('button', { name: 'Да, это ответ на мой вопрос' }).click();
    // "No" hides the article, so nothing on the page says when it is stored: its response does.
    const otherStored = page.waitForResponse(
      (r) => r.url().includes('/feedback') && r.request().postDataJSON()?.helpful === false,
    );
    await other.getByRole('button', { name: 'Нет' }).click();
    await suggestions.getByText('Рады, что нашёлся ответ').waitFor();
    // "Counted" appears once the server has the answer (the thanks above shows at once).
    await item.getByText('Спасибо, ваш ответ учтён').waitFor();
    await otherStored;

    const stats = await modApi<{
      articles: { id: string; title: string; deflected: number; notHelpful: number }[];
    }>('GET', '/api/v1/knowledge/stats');
    expect(stats.articles.find((a) => a.id === article.id)?.deflected).toBe(1);
    expect(stats.articles.find((a) => a.title === otherTitle)?.notHelpful).toBeGreaterThanOrEqual(1);

    // The article itself opens from the knowledge base's search.
    await page.goto(`/knowledge?q=${encodeURIComponent('горячая вода отключение')}`);
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('.kb-article__body strong', { hasText: 'гидравлических испытаний' }).waitFor();
    await checkA11y(page, 'article page');
    // The article's own question counts too, and says so only once the server has the answer.
    const question = page.getByRole('group', { name: 'Это ответ на ваш вопрос?' });
    await question.getByRole('button', { name: 'Нет' }).click();
    await page.getByRole('status').filter({ hasText: 'Спасибо, ваш ответ учтён' }).waitFor();
    const after = await modApi<{ articles: { id: string; helpful: number; notHelpful: number }[] }>(
      'GET',
      '/api/v1/knowledge/stats',
    );
    expect(after.articles.find((a) => a.id === article.id)).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect(problems).toEqual([]);
  });

  it('lists each article once, in the language the reader chose', async () => {
    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const page = await pageAs(anna.email, anna.password);
    await page.goto('/knowledge');
    // Every demo article is written in Russian and translated into English (an article another test
    // of this file writes in Russian only is listed in Russian in both).
    const items = async (heading: string) => {
      const list = page
        .locator('section', { has: page.getByRole('heading', { name: heading }) })
        .locator('li');
      await list.first().waitFor();
      return list.evaluateAll((found) => found.map((li) => `${li.getAttribute('lang')} ${li.textContent}`));
    };
    const russian = await items('Все статьи');
    expect(russian.filter((i) => !i.startsWith('ru '))).toEqual([]);
    expect(russian).toContain('ru Не горит уличный фонарь');
    expect(russian).not.toContain('en A street light is out');
    await page.locator('.lang-switch button[lang="en"]').click();
    await page.getByRole('heading', { name: 'Residents’ help articles' }).waitFor();
    const english = await items('All articles');
    expect(english).toContain('en A street light is out');
    expect(english).not.toContain('ru Не горит уличный фонарь');
    expect(english).toHaveLength(russian.length);
    expect(problems).toEqual([]);
  });

  it('marks the Information section in the header on each of its pages', async () => {
    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));
    const page = await pageAs(anna.email, anna.password);
    const information = page.locator('.nav-list a', { hasText: 'Информация' });
    for (const [path, current] of [
      ['/knowledge', 'page'],
      ['/notices', 'true'],
      ['/organisations', 'true'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await information.getAttribute('aria-current'), path).toBe(current);
    }
    await page.goto('/participation');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await information.getAttribute('aria-current')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('shows the directory, finds an organisation with a typo, and opens its page at 360 px', async () => {
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const orgs = (await adminApi<{ items: Organisation[] }>('GET', '/api/v1/organisations')).items;
    const light = orgs.find((o) => o.code === 'city-light')!;
    await adminApi('PUT', `/api/v1/organisations/${light.id}/profile`, {
      officeAddress: 'Санкт-Петербург, ул. Шпалерная, 10',
      services: [{ ru: 'Ремонт уличных фонарей', en: 'Street light repair' }],
      hours: [1, 2, 3, 4, 5].map((day) => ({
        day,
        opens: '09:00',
        closes: '18:00',
        breaks: [{ from: '13:00', to: '14:00' }],
      })),
    });

    const page = await pageAs(admin.email, admin.password);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/organisations');
    await page.fill('#dir-q', 'Горотской свед');
    await page.getByRole('button', { name: 'Найти' }).click();
    const card = page.locator('.dir-card').first();
    await card.getByRole('link', { name: 'СПб ГУП «Городской свет»' }).waitFor();
    await checkA11y(page, 'directory');
    expect(await horizontalOverflow(page), 'horizontal overflow on the directory').toBeLessThanOrEqual(0);
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'СПб ГУП «Городской свет»' }).waitFor();
    await page.getByRole('heading', { name: 'Часы работы' }).waitFor();
    await page.getByText('Ремонт уличных фонарей').waitFor();
    await page.locator('.open-status').first().waitFor();
    await page.getByRole('heading', { name: 'Показатели за 12 месяцев' }).waitFor();
    await checkA11y(page, 'organisation page');
    expect(
      await horizontalOverflow(page),
      'horizontal overflow on the organisation page',
    ).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
