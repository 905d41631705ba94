import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../support/timeouts.ts';
import { isolatedContext, launchBrowser, type Server, startServer } from './harness.ts';
import {
  checkA11y,
  demoUser,
  horizontalOverflow,
  login,
  photo,
  watchConsole,
  wordsSplitAcrossLines,
} from './ui.ts';

type Territory = { id: string; code: string; center: { lat: number; lon: number } };

let server: Server;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pageAs(
  role: Parameters<typeof demoUser>[0],
  viewport?: { width: number; height: number },
): Promise<Page> {
  const user = demoUser(role);
  const context = await isolatedContext(browser, server.baseUrl, viewport);
  const page = await context.newPage();
  watchConsole(page, problems);
  await login(page, user.email, user.password);
  return page;
}

async function api<T>(
  role: Parameters<typeof demoUser>[0],
  method: string,
  pathname: string,
  body?: unknown,
): Promise<T> {
  const user = demoUser(role);
  const session = await fetch(`${server.baseUrl}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${server.baseUrl}${pathname}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${pathname}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('participation in the web app', () => {
  it('a staff member builds and publishes a poll; a resident answers it at 360 px and sees the chart', async () => {
    const title = `Детская площадка во дворе (${Date.now()})`;
    const admin = await pageAs('admin');
    await admin.goto('/participation');
    await admin.getByRole('link', { name: 'Новый опрос' }).click();
    await admin.getByRole('heading', { name: 'Новый опрос' }).waitFor();
    await admin.fill('#poll-title', title);
    await admin.fill('#poll-description', 'Помогите выбрать, что построить во **дворе**.');
    await admin.selectOption('#poll-visibility', 'always');
    // An image through the media pipeline.
    await admin
      .locator('.poll-builder input[type=file]')
      .setInputFiles(await photo({ r: 90, g: 160, b: 90 }, 'yard.jpg'));
    await admin.getByText('Загружено').waitFor();

    const first = admin.locator('.question-editor').nth(0);
    await first.getByLabel('Текст вопроса').fill('Нужна ли новая детская площадка?');
    await first.getByLabel('Вариант 1', { exact: true }).fill('Да');
    await first.getByLabel('Вариант 2', { exact: true }).fill('Нет');
    await admin.getByRole('button', { name: 'Добавить вопрос' }).click();
    const second = admin.locator('.question-editor').nth(1);
    await second.getByLabel('Тип вопроса').selectOption('scale');
    await second.getByLabel('Текст вопроса').fill('Оцените двор сейчас');
    await second.getByLabel('Обязательный').check();
    // Reorder: the scale question goes first and back again.
    await second.getByRole('button', { name: 'Выше' }).click();
    expect(await admin.locator('.question-editor').nth(0).getByLabel('Текст вопроса').inputValue()).toBe(
      'Оцените двор сейчас',
    );
    await admin.locator('.question-editor').nth(0).getByRole('button', { name: 'Ниже' }).click();
    // A third question added and removed again.
    await admin.getByRole('button', { name: 'Добавить вопрос' }).click();
    expect(await admin.locator('.question-editor').count()).toBe(3);
    await admin.locator('.question-editor').nth(2).getByRole('button', { name: 'Удалить вопрос' }).click();
    expect(await admin.locator('.question-editor').count()).toBe(2);
    // Preview as a resident would see it.
    await admin.getByRole('button', { name: 'Предпросмотр' }).click();
    await admin.locator('.poll-preview').getByText('Нужна ли новая детская площадка?').waitFor();
    // All the questions at once instead of one at a time.
    await admin.locator('.poll-preview').getByLabel('Все вопросы сразу').check();
    await admin.locator('.poll-preview').getByText('Оцените двор сейчас').waitFor();
    await checkA11y(admin, 'poll builder with preview');

    await admin.getByRole('button', { name: 'Сохранить и опубликовать' }).click();
    await admin.waitForURL(/\/participation\/polls\/[0-9a-f-]{36}$/);
    await admin.getByRole('heading', { name: title }).waitFor();
    await admin.locator('.badge', { hasText: 'идёт' }).waitFor();
    await checkA11y(admin, 'published poll (organiser)');

    const phone = await pageAs('resident', { width: 360, height: 740 });
    await phone.goto('/participation');
    // A region-wide poll is listed for every district the resident picks.
    await phone.getByLabel('Район').selectOption({ label: 'Невский район' });
    await phone.waitForURL(/district=/);
    await phone.getByRole('link', { name: title }).waitFor();
    await checkA11y(phone, 'participation list at 360 px');
    await phone.getByRole('link', { name: title }).click();
    // The poll's image is shown to residents once the poll is published.
    const image = phone.locator('img.poll-image');
    await image.waitFor();
    await phone.waitForFunction("(document.querySelector('img.poll-image')?.naturalWidth ?? 0) > 0");
    await phone.getByText('Вопрос 1 из 2').waitFor();
    expect(await horizontalOverflow(phone), 'horizontal overflow on the poll').toBeLessThanOrEqual(0);
    await checkA11y(phone, 'poll at 360 px');
    await phone.getByLabel('Да', { exact: true }).check();
    await phone.getByRole('button', { name: 'Далее' }).click();
    await phone.getByText('Вопрос 2 из 2').waitFor();
    await phone.getByText('Отвечено 1 из 2').waitFor();
    await phone.getByLabel('4', { exact: true }).check();
    await phone.getByRole('button', { name: 'Отправить ответ' }).click();
    await phone.getByText('Спасибо! Ваш ответ сохранён.').waitFor();
    const chart = phone.locator('figure.chart', { hasText: 'Нужна ли новая детская площадка?' });
    await chart.locator('canvas').waitFor();
    await chart.locator('td', { hasText: 'Да' }).waitFor();
    expect(await chart.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('1');
    // The question heads its result once: the chart's caption repeats it for screen readers only.
    const shown = await phone
      .locator('section.result', { has: chart })
      .getByText('Нужна ли новая детская площадка?', { exact: true })
      .evaluateAll((found) => found.filter((e) => e.getBoundingClientRect().height > 1).length);
    expect(shown).toBe(1);
    expect(await horizontalOverflow(phone), 'horizontal overflow on the results').toBeLessThanOrEqual(0);
    await checkA11y(phone, 'poll results at 360 px');
    expect(problems).toEqual([]);
  });

  it('a resident proposes a road section as a line on the map at 360 px, by mouse and keyboard', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const vote = await api<{ id: string }>('admin', 'POST', '/api/v1/votes', {
      title: `Ремонт дорог (${Date.now()})`,
      proposals: { opensAt: at(-3_600_000), closesAt: at(86_400_000) },
      voting: { opensAt: at(2 * 86_400_000), closesAt: at(3 * 86_400_000) },
      maxChoices: 3,
    });
    const title = 'Улица Жуковского от Литейного до Восстания';
    const phone = await pageAs('resident', { width: 360, height: 740 });
    await phone.goto(`/participation/votes/${vote.id}`);
    await phone.fill('#proposal-title', title);
    await phone.getByLabel('Линия (например, участок дороги)').check();
    const map = phone.locator('.proposal-form .leaflet-container');
    await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await map.boundingBox())!;
    // Three clicks draw three vertices; "undo" takes the last back.
    for (const [x, y] of [
      [0.25, 0.3],
      [0.5, 0.5],
      [0.75, 0.6],
    ] as const)
      await map.click({ position: { x: box.width * x, y: box.height * y } });
    const status = phone.locator('.place-picker__status');
    await status.getByText(/В линии 3 точки, длина ≈/).waitFor();
    await phone.getByRole('button', { name: 'Отменить последнюю точку' }).click();
    await status.getByText(/В линии 2 точки/).waitFor();
    // By keyboard: pan the map with an arrow key, add its centre, finish the line.
    await map.focus();
    await phone.keyboard.press('ArrowDown');
    await phone.getByRole('button', { name: 'Добавить точку в центре карты' }).focus();
    await phone.keyboard.press('Enter');
    await status.getByText(/В линии 3 точки/).waitFor();
    await phone.getByRole('button', { name: 'Завершить линию' }).focus();
    await phone.keyboard.press('Enter');
    await status.getByText(/Линия готова: 3 точки/).waitFor();
    expect(
      await phone.locator('.proposal-form path.leaflet-interactive, .proposal-form svg path').count(),
    ).toBeGreaterThan(0);
    expect(await horizontalOverflow(phone), 'horizontal overflow on the proposal form').toBeLessThanOrEqual(
      0,
    );
    await checkA11y(phone, 'proposal form with a line at 360 px');
    await phone.getByRole('button', { name: 'Отправить предложение' }).click();
    await phone.getByText('Предложение отправлено на модерацию.').waitFor();

    const stored = await api<{
      items: { id: string; title: string; geometry: { type: string; coordinates: number[][] } }[];
    }>('admin', 'GET', `/api/v1/votes/${vote.id}`);
    const item = stored.items.find((i) => i.title === title)!;
    expect(item.geometry.type).toBe('LineString');
    expect(item.geometry.coordinates).toHaveLength(3);
    // The proposer's own list says it is a line; once approved, everyone sees it on the vote's map.
    await phone.locator('#my-proposals-title').waitFor();
    await phone
      .getByText(/линия на карте, ≈/)
      .first()
      .waitFor();
    // A staff member approves it in the moderation panel.
    const admin = await pageAs('admin');
    await admin.goto('/participation/votes/new');
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await checkA11y(admin, 'new vote form');
    await admin.goto(`/participation/votes/${vote.id}`);
    const pending = admin.locator('.moderation-item', { hasText: title });
    await pending.getByText(/линия на карте, ≈/).waitFor();
    await checkA11y(admin, 'proposal moderation');
    await pending.getByRole('button', { name: 'Одобрить' }).click();
    await pending.waitFor({ state: 'detached' });
    await phone.reload();
    const section = phone.locator('section', { has: phone.locator('#items-title') });
    await section.getByText(title).waitFor();
    await section.getByText(/линия на карте, ≈/).waitFor();
    await section.locator('.leaflet-overlay-pane path').first().waitFor();
    expect(await horizontalOverflow(phone), 'horizontal overflow on the vote').toBeLessThanOrEqual(0);
    await checkA11y(phone, 'vote with a line item at 360 px');
    expect(problems).toEqual([]);
  });

  it('a resident chooses items on the vote’s map', async () => {
    const centre = (await api<{ items: Territory[] }>('resident', 'GET', '/api/v1/territories')).items.find(
      (t) => t.code === 'tsentralny',
    )!.center;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    // Voting opens a few seconds from now: staff add the items in the review stage before it (the
    // seconds stretch with the CI's time-out scale: on a loaded machine four items took more than 5 s).
    const opens = Date.now() + scaled(5_000);
    const vote = await api<{ id: string }>('admin', 'POST', '/api/v1/votes', {
      title: `Ремонт дворов (${Date.now()})`,
      proposals: { opensAt: at(-7_200_000), closesAt: at(-3_600_000) },
      voting: { opensAt: new Date(opens).toISOString(), closesAt: at(86_400_000) },
      maxChoices: 2,
    });
    const names = ['Двор на Литейном', 'Двор на Жуковского', 'Двор на Маяковского'];
    for (const [i, name] of names.entries())
      await api('admin', 'POST', `/api/v1/votes/${vote.id}/items`, {
        title: name,
        geometry: { type: 'Point', coordinates: [centre.lon + (i - 1) * 0.01, centre.lat + (i - 1) * 0.005] },
      });
    const road = 'Улица Чайковского от Литейного проспекта до Таврической улицы';
    await api('admin', 'POST', `/api/v1/votes/${vote.id}/items`, {
      title: road,
      geometry: {
        type: 'LineString',
        coordinates: [
          [centre.lon - 0.01, centre.lat + 0.008],
          [centre.lon + 0.01, centre.lat + 0.009],
        ],
      },
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opens - Date.now() + 500)));

    const page = await pageAs('resident');
    await page.goto(`/participation/votes/${vote.id}`);
    await page.getByText('Выбрано 0 из 2').waitFor();
    // The road section is a line on the map and says so in the list.
    await page.locator('.vote-chooser .leaflet-overlay-pane path').first().waitFor();
    await page
      .locator('.vote-items li', { hasText: road })
      .getByText(/линия на карте, ≈ \d/)
      .waitFor();
    // The map in the middle of the window, clear of the sticky header.
    await page.locator('.vote-chooser .map-frame').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.locator(`.vote-marker[title="${names[0]}"]`).click();
    await page.getByText('Выбрано 1 из 2').waitFor();
    await page.locator(`.vote-marker[title="${names[2]}"]`).click();
    await page.getByText('Выбрано 2 из 2').waitFor();
    // The list follows the map, and a third choice is not possible.
    expect(await page.getByRole('checkbox', { name: names[0] }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: names[1] }).isDisabled()).toBe(true);
    expect(await page.locator(`.vote-marker[title="${names[2]}"]`).getAttribute('aria-pressed')).toBe('true');
    await checkA11y(page, 'vote with items chosen on the map');
    await page.getByRole('button', { name: 'Проголосовать' }).click();
    await page.getByText('Ваш выбор сохранён').waitFor();

    const stored = await api<{ myChoice: string[]; items: { id: string; title: string }[] }>(
      'resident',
      'GET',
      `/api/v1/votes/${vote.id}`,
    );
    const idOf = (title: string) => stored.items.find((i) => i.title === title)!.id;
    expect([...stored.myChoice].sort()).toEqual([idOf(names[0]!), idOf(names[2]!)].sort());
    // The ranking's table keeps its headings whole beside a long item's name: a column squeezed to
    // a letter's width once read "Мест" / "о".
    const admin = await pageAs('admin');
    await admin.goto(`/participation/votes/${vote.id}`);
    await admin.locator('.chart-table th').first().waitFor();
    expect(await wordsSplitAcrossLines(admin, '.chart-table th')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
