import { describe, expect, it } from 'vitest';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser } from './ui.ts';

const { problems, pageAs, apiAs } = liveAppForThisFile();
type Api = Awaited<ReturnType<typeof apiAs>>;
type Point = { lat: number; lon: number };

/** The centre of the demo's Central district, where these tests put their objects. */
async function centralPoint(api: Api): Promise<Point> {
  const { items } = await api<{ items: { code: string; center: Point }[] }>('GET', '/api/v1/territories');
  return items.find((t) => t.code === 'tsentralny')!.center;
}

/** One object at `at`, imported as a registry of one record would be. */
async function importObject(
  api: Api,
  source: string,
  properties: { id: string; name: string; kind: string },
  at: Point,
): Promise<void> {
  const imported = await api<{ created: number }>('POST', '/api/v1/objects/import', {
    mapping: { source, format: 'geojson', columns: { externalId: 'id', name: 'name', kind: 'kind' } },
    content: JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [at.lon, at.lat] } }],
    }),
  });
  expect(imported.created).toBe(1);
}

describe('city objects and their works in the web app', () => {
  it("an object's page shows its works and a resident's rating", async () => {
    const stamp = Date.now();
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const c = await centralPoint(adminApi);
    await importObject(adminApi, 'e2e', { id: `yard-${stamp}`, name: `Двор ${stamp}`, kind: 'yard' }, c);
    const objects = await adminApi<{ features: { id: string; properties: { name: string } }[] }>(
      'GET',
      `/api/v1/objects?bbox=${c.lon - 0.01},${c.lat - 0.01},${c.lon + 0.01},${c.lat + 0.01}`,
    );
    const objectId = objects.features.find((f) => f.properties.name === `Двор ${stamp}`)!.id;
    await adminApi('POST', `/api/v1/objects/${objectId}/works`, {
      title: 'Благоустройство двора',
      programme: 'Комфортная городская среда',
      contractor: 'ООО «Двор»',
      budget: '1200000.00',
      plannedStart: '2025-05-01',
      plannedEnd: '2025-07-31',
      actualStart: '2025-05-05',
      actualEnd: '2025-08-20',
      status: 'completed',
    });

    const ivan = demoUser('resident', (u) => u.email.startsWith('ivan.'));
    const page = await pageAs(ivan.email, ivan.password);
    await page.goto(`/objects/${objectId}`);
    await page.getByRole('heading', { name: `Двор ${stamp}` }).waitFor();
    expect(await page.getByRole('link', { name: '← Все объекты и работы' }).getAttribute('href')).toBe(
      '/objects',
    );
    const work = page.locator('.work-card', { hasText: 'Благоустройство двора' });
    await work.getByText('Сроки нарушены').waitFor();
    await work.getByText('ООО «Двор»').waitFor();
    await checkA11y(page, 'object page');
    // Where the object is, on a map of its own; and no score is chosen for the resident in advance.
    await page.getByRole('region', { name: `«Двор ${stamp}» на карте` }).waitFor();
    expect(await work.getByRole('radio', { checked: true }).count()).toBe(0);
    await work.getByLabel('4', { exact: true }).check();
    await work.getByRole('button', { name: 'Оценить' }).click();
    await work.getByText('Оценка жителей: 4.0 из 5 (1)').waitFor();
    await work.getByText('ваша оценка: 4').waitFor();
    expect(await work.getByRole('button', { name: 'Оценить' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Следить за объектом' }).click();
    await page.getByRole('button', { name: 'Не следить' }).waitFor();

    // "Report a problem on this object": the form names the object and starts at its place, and the
    // report filed from it is linked to the object.
    await page.getByRole('link', { name: 'Сообщить о проблеме на этом объекте' }).click();
    await page.getByText('Сообщение об объекте:').waitFor();
    const at = (v: number) => Number(v.toFixed(6)).toFixed(5);
    await page.getByText(`Выбрана точка: ${at(c.lat)}, ${at(c.lon)}`).waitFor();
    const categories = (
      await adminApi<{ items: { id: string; code: string; parentId: string | null }[] }>(
        'GET',
        '/api/v1/categories',
      )
    ).items;
    const litter = categories.find((x) => x.code === 'yard-litter')!;
    await page.selectOption('#report-topic', litter.parentId!);
    await page.selectOption('#report-category', litter.id);
    await page.fill('#report-text', 'После благоустройства во дворе остался строительный мусор.');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await page
      .locator('.report-side')
      .getByRole('link', { name: `Двор ${stamp}` })
      .waitFor();

    // A link to an object that is not there says so, and leaves a plain form.
    await page.goto('/reports/new?object=00000000-0000-4000-8000-000000000000');
    await page.getByText('Объект из ссылки не найден').waitFor();
    expect(await page.getByText('Сообщение об объекте:').count()).toBe(0);
    await page.locator('#report-text').waitFor();
    expect(problems).toEqual([]);
  });

  it("an administrator imports a works registry from the browser, told of each bad row; the object's page shows the work", async () => {
    const stamp = Date.now();
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const c = await centralPoint(adminApi);
    await importObject(
      adminApi,
      'e2e-schools',
      { id: `s-${stamp}`, name: `Школа ${stamp}`, kind: 'school' },
      c,
    );

    const page = await pageAs(admin.email, admin.password);
    await page.goto('/admin/objects');
    await page.getByRole('heading', { name: 'Реестр городских объектов' }).waitFor();
    // Choosing "works" puts the works registry's example mapping in the box.
    await page.getByLabel('Что в файле').selectOption('works');
    expect(await page.locator('#obj-mapping').inputValue()).toContain('"records": "works"');
    await page.locator('#obj-mapping').fill(
      JSON.stringify({
        source: 'e2e-programme',
        records: 'works',
        objectSource: 'e2e-schools',
        format: 'csv',
        csv: { delimiter: ';' },
        columns: {
          externalId: 'id',
          object: 'school',
          title: 'work',
          status: 'state',
          budget: 'sum',
          plannedEnd: 'end',
        },
        statuses: { 'В работе': 'in_progress' },
      }),
    );
    const csv = [
      'id;school;work;state;sum;end',
      `w-${stamp};s-${stamp};Замена окон;В работе;2 400 000,00;31.08.2026`,
      `x-${stamp};nope;Покраска;Готово;;`,
    ].join('\n');
    await page
      .locator('#obj-file')
      .setInputFiles({ name: 'programme.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByText('Прочитано 2, добавлено 1, обновлено 0, без изменений 0, с ошибками 1.').waitFor();
    const bad = page.getByRole('listitem').filter({ hasText: 'Запись 3' });
    await bad.getByText('Объект «nope» не найден в реестре объектов').waitFor();
    await bad.getByText('Неизвестное состояние работ «Готово»').waitFor();
    await checkA11y(page, 'objects import');
    // A file whose every row fails lists its first thousand and says so.
    const allBad = ['id;school;work;state;sum;end'];
    for (let i = 0; i < 1002; i++) allBad.push(`bad-${stamp}-${i};s-${stamp};Покраска;Готово;;`);
    await page
      .locator('#obj-file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(allBad.join('\n')) });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByText('Ниже — первые 1000 записей с ошибками из 1002.', { exact: false }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Неизвестное состояние работ' }).count()).toBe(
      1000,
    );

    const found = await adminApi<{ items: { id: string }[] }>('GET', `/api/v1/objects/search?q=${stamp}`);
    await page.goto(`/objects/${found.items[0]!.id}`);
    const work = page.locator('.work-card', { hasText: 'Замена окон' });
    await work.getByText('Идут', { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the catalogue of objects: found by a word of the address, filtered by its works, followed and found again', async () => {
    const galina = demoUser('resident', (u) => u.email.startsWith('galina.'));
    const page = await pageAs(galina.email, galina.password);
    // Reached from the information section's row of pages.
    await page.goto('/notices');
    await page.getByRole('link', { name: 'Объекты и работы' }).click();
    await page.getByRole('heading', { name: 'Городские объекты и работы', level: 1 }).waitFor();
    await checkA11y(page, 'objects catalogue');

    const cards = page.locator('.card-list .card');
    const titles = () => cards.locator('.card__title').allTextContents();
    await page.getByLabel('Название или адрес').fill('КИРОЧНАЯ');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByText('Найден 1 объект').waitFor();
    expect(await titles()).toEqual(['Таврический сад']);
    await cards.getByText('Завершены: 1').waitFor();

    // Works under way or planned: the resurfacing of Ligovsky, not the finished garden.
    await page.getByLabel('Название или адрес').fill('');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByLabel('Работы').selectOption('active');
    await page.waitForURL(/works=active/);
    // The unfiltered list stays on screen while the filtered one loads: wait for the garden to go.
    await cards.getByRole('link', { name: 'Таврический сад' }).waitFor({ state: 'detached' });
    await cards.getByRole('link', { name: /^Лиговский проспект/ }).waitFor();

    // Followed from its page, found again under "only those I follow".
    await cards.getByRole('link', { name: /^Лиговский проспект/ }).click();
    await page.getByRole('button', { name: 'Следить за объектом' }).click();
    await page.getByRole('button', { name: 'Не следить' }).waitFor();
    await page.goBack();
    await page.getByLabel('Только те, за которыми я слежу').check();
    await page.getByText('Найден 1 объект').waitFor();
    expect(await titles()).toEqual([expect.stringMatching(/^Лиговский проспект/)]);
    await cards.getByText('вы следите').waitFor();
    expect(problems).toEqual([]);
  });

  it('staff add an object by hand (every problem listed first), change it, add a work and start it, and find the object in the catalogue', async () => {
    const stamp = Date.now();
    const moderator = demoUser('moderator');
    const page = await pageAs(moderator.email, moderator.password);
    await page.goto('/objects');
    await page.getByRole('link', { name: 'Добавить объект' }).click();
    await page.getByRole('heading', { name: 'Новый городской объект' }).waitFor();
    await checkA11y(page, 'new object');

    // Nothing filled in: the name and the place are both asked for, and nothing is saved.
    await page.getByRole('button', { name: 'Добавить объект' }).click();
    await page.locator('.field--invalid #o-name').waitFor();
    await page.locator('.area-editor .field-error').waitFor();
    expect(page.url()).toMatch(/\/objects\/new$/);

    await page.getByLabel('Название').fill(`Сквер ${stamp}`);
    await page.getByLabel('Вид').selectOption('park');
    await page.getByLabel('Адрес').fill('Итальянская улица, 1');
    await page.getByLabel('Место в формате GeoJSON').fill('{"type":"Point","coordinates":[30.3352,59.9361]}');
    await page.getByRole('button', { name: 'Добавить объект' }).click();
    await page.getByRole('heading', { name: `Сквер ${stamp}`, level: 1 }).waitFor();
    await page.getByRole('region', { name: `«Сквер ${stamp}» на карте` }).waitFor();

    // Changed from its page: the form holds its fields, and the same object is saved again.
    await page.getByRole('link', { name: 'Изменить объект' }).click();
    await page.getByRole('heading', { name: `Изменить объект «Сквер ${stamp}»` }).waitFor();
    expect(await page.getByLabel('Адрес').inputValue()).toBe('Итальянская улица, 1');
    await page.getByLabel('Адрес').fill('Итальянская улица, 2');
    await page.getByRole('button', { name: 'Сохранить объект' }).click();
    await page.getByRole('heading', { name: `Сквер ${stamp}`, level: 1 }).waitFor();
    await page.getByText('Итальянская улица, 2').waitFor();

    // A work added from the page (the form empties), then started from its own card.
    const addForm = page.locator('section.panel', { hasText: 'Добавить работы' });
    await addForm.getByLabel('Название').fill('Посадка деревьев');
    await addForm.getByRole('button', { name: 'Сохранить работы' }).click();
    const card = page.locator('.work-card', { hasText: 'Посадка деревьев' });
    await card.locator('.badge--work-planned').waitFor();
    expect(await addForm.getByLabel('Название').inputValue()).toBe('');
    const change = card.getByRole('button', { name: 'Изменить работы «Посадка деревьев»' });
    await change.click();
    await card.getByLabel('Состояние').selectOption('in_progress');
    await card.getByRole('button', { name: 'Сохранить изменения' }).click();
    await card.locator('.badge--work-in_progress').waitFor();
    await change.waitFor();

    await page.goto(`/objects?q=${stamp}`);
    await page.getByText('Найден 1 объект').waitFor();
    await page.locator('.card-list .card').getByText('Итальянская улица, 2').waitFor();
    expect(problems).toEqual([]);
  });
});
