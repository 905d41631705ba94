import { describe, expect, it } from 'vitest';
import { scaled } from '../support/timeouts.ts';
import { liveAppForThisFile } from './live-app.ts';
import { checkA11y, demoUser } from './ui.ts';

type Category = { id: string; code: string };
type Organisation = { id: string; code: string };
type Notice = { id: string; area: { type: string; coordinates: number[][][] } };

const { problems, pageAs, apiAs } = liveAppForThisFile();

/** `datetime-local` text in the browser's zone (the browser runs on this machine). */
function localInput(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

describe('notices and city objects in the web app', () => {
  it('an outage drawn on the map reaches a subscribed resident and explains a report filed inside it', async () => {
    const stamp = Date.now();
    const title = `Авария на теплосети ${stamp}`;
    const anna = demoUser('resident', (u) => u.email.startsWith('anna.'));

    // Anna subscribes to the centre of the Central district with a 300 m radius (typed: the keyboard's way).
    const annaApi = await apiAs(anna.email, anna.password);
    const territories = (
      await annaApi<{ items: { code: string; center: { lat: number; lon: number } }[] }>(
        'GET',
        '/api/v1/territories',
      )
    ).items;
    const central = territories.find((t) => t.code === 'tsentralny')!.center;
    const resident = await pageAs(anna.email, anna.password);
    await resident.goto('/notices/subscriptions');
    // The districts are drawn on its map (no tiles here: without them the map was an empty square).
    await resident.locator('path.district-boundary').first().waitFor();
    // A resident finds her address as on the report form: it places the point and names the place.
    await resident.getByRole('combobox', { name: 'Найти адрес' }).fill('Невский пр 1');
    await resident.getByRole('option', { name: 'Невский проспект, дом 1, литера А' }).click();
    await resident.getByText('Выбрана точка: 59.93665, 30.31395').waitFor();
    expect(await resident.inputValue('#sub-label')).toBe('Невский проспект, дом 1, литера А');
    // The keyboard's other way, coordinates, moves the point to the district's centre for this test.
    await resident.fill('#sub-label', '');
    await resident.fill('#sub-lat', String(central.lat));
    await resident.fill('#sub-lon', String(central.lon));
    await resident.getByText(/Выбрана точка/).waitFor();
    await resident.fill('#sub-label', 'Дом');
    await resident.selectOption('#sub-radius', '300');
    await checkA11y(resident, 'notice subscriptions');
    await resident.getByRole('button', { name: 'Подписаться' }).click();
    await resident.getByRole('button', { name: 'Удалить адрес «Дом»' }).waitFor();

    // A moderator draws the outage around the same centre and publishes it.
    const moderator = demoUser('moderator');
    const staff = await pageAs(moderator.email, moderator.password);
    const api = await apiAs(moderator.email, moderator.password);
    const categories = (await api<{ items: Category[] }>('GET', '/api/v1/categories')).items;
    const orgs = (await api<{ items: Organisation[] }>('GET', '/api/v1/organisations')).items;
    const hotWater = categories.find((c) => c.code === 'no-hot-water')!;
    await staff.goto('/notices/new');
    await staff.fill('#n-title', title);
    await staff.fill('#n-description', 'Прорыв трубы. **Горячей воды не будет** до завтра.');
    await staff.selectOption('#n-kind', 'emergency_outage');
    await staff.selectOption('#n-org', orgs.find((o) => o.code === 'city-heat')!.id);
    await staff.selectOption('#n-categories', [hotWater.id]);
    await staff.fill('#n-starts', localInput(new Date(Date.now() - 3600_000)));
    await staff.fill('#n-ends', localInput(new Date(Date.now() + 24 * 3600_000)));
    // A first sketch pasted as GeoJSON brings the map to the district; then the outage is drawn there.
    const d = 0.001;
    await staff.fill(
      '.area-editor textarea',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [central.lon - d, central.lat - d],
            [central.lon + d, central.lat - d],
            [central.lon + d, central.lat + d],
            [central.lon - d, central.lat - d],
          ],
        ],
      }),
    );
    const editorMap = staff.locator('.area-editor section.map');
    await editorMap.waitFor();
    await staff.waitForTimeout(500);
    await editorMap.scrollIntoViewIfNeeded();
    const e = (await editorMap.boundingBox())!;
    const [cx, cy] = [e.width / 2, e.height / 2];
    for (const [dx, dy] of [
      [-60, -40],
      [60, -40],
      [60, 40],
      [-60, 40],
    ] as const)
      await editorMap.click({ position: { x: cx + dx, y: cy + dy } });
    expect(await staff.inputValue('.area-editor textarea')).toContain('"Polygon"');
    await checkA11y(staff, 'notice editor');
    await staff.getByRole('button', { name: 'Опубликовать' }).click();
    await staff.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    const noticeId = staff.url().split('/').pop()!;
    await staff.getByRole('heading', { name: title }).waitFor();
    await staff.getByText('Действует').waitFor();
    await checkA11y(staff, 'notice page (staff)');

    // Anna is told (the alert job runs when a notice changes) and sees it on the map.
    await resident.goto('/notices/subscriptions');
    const alert = resident.getByRole('link', { name: title });
    // The job runs within seconds. Each look waits for the page to load its alerts: a check right
    // after a reload saw the list before it arrived, and the test reloaded for a minute every run.
    const alerted = () =>
      alert.waitFor({ timeout: scaled(2_000) }).then(
        () => true,
        () => false,
      );
    for (let i = 0; i < 30 && !(await alerted()); i++) await resident.reload();
    await alert.waitFor();
    await resident.getByText('началось').first().waitFor();
    await resident.goto('/');
    await resident.getByText(/Отключения и работы \(\d+\)/).waitFor();
    // A visible area (the demo's notices draw paths too; one may be too small to see at this zoom).
    await resident.locator('.leaflet-overlay-pane path >> visible=true').first().waitFor();
    // The notices page lists it, its map drawn over the region's districts.
    await resident.goto('/notices');
    await resident.getByRole('link', { name: title }).waitFor();
    // (Leaflet leaves a district outside the view as an empty path: one in view is enough.)
    await resident.locator('.notices-page path.district-boundary >> visible=true').first().waitFor();
    // Its title has the space above it that every page's has (it sat on the section menu: 1 px).
    const titleGap = await resident.evaluate<number>(
      `document.querySelector('main h1').getBoundingClientRect().top - document.querySelector('.section-nav').getBoundingClientRect().bottom`,
    );
    expect(titleGap, 'space between the section menu and the title').toBeGreaterThanOrEqual(16);

    // Her report from inside the area is linked to the outage at once, and its page says so.
    const notice = await api<Notice>('GET', `/api/v1/notices/${noticeId}`);
    const ring = notice.area.coordinates[0]!.slice(0, -1);
    const centre = {
      lon: ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
      lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
    };
    const report = await annaApi<{ id: string; notices: { id: string }[] }>('POST', '/api/v1/reports', {
      categoryId: hotWater.id,
      text: `Нет горячей воды с утра во всём доме (${stamp})`,
      ...centre,
    });
    expect(report.notices.map((n) => n.id)).toEqual([noticeId]);
    await resident.goto(`/reports/${report.id}`);
    await resident.getByRole('heading', { name: 'Это уже известно' }).waitFor();
    await resident.getByRole('link', { name: title }).waitFor();
    await checkA11y(resident, 'report page with its notice');
    expect(problems).toEqual([]);
  });

  it("an object's page shows its works and a resident's rating", async () => {
    const stamp = Date.now();
    const admin = demoUser('admin');
    const adminApi = await apiAs(admin.email, admin.password);
    const territories = (
      await adminApi<{ items: { code: string; center: { lat: number; lon: number } }[] }>(
        'GET',
        '/api/v1/territories',
      )
    ).items;
    const c = territories.find((t) => t.code === 'tsentralny')!.center;
    const imported = await adminApi<{ created: number }>('POST', '/api/v1/objects/import', {
      mapping: {
        source: 'e2e',
        format: 'geojson',
        columns: { externalId: 'id', name: 'name', kind: 'kind' },
      },
      content: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: `yard-${stamp}`, name: `Двор ${stamp}`, kind: 'yard' },
            geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
          },
        ],
      }),
    });
    expect(imported.created).toBe(1);
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
    const c = (
      await adminApi<{ items: { code: string; center: { lat: number; lon: number } }[] }>(
        'GET',
        '/api/v1/territories',
      )
    ).items.find((t) => t.code === 'tsentralny')!.center;
    await adminApi('POST', '/api/v1/objects/import', {
      mapping: {
        source: 'e2e-schools',
        format: 'geojson',
        columns: { externalId: 'id', name: 'name', kind: 'kind' },
      },
      content: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: `s-${stamp}`, name: `Школа ${stamp}`, kind: 'school' },
            geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
          },
        ],
      }),
    });

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

  it('who is responsible here: a click on the map or a found address lists each subject’s organisation, linked to its page', async () => {
    const resident = demoUser('resident');
    const page = await pageAs(resident.email, resident.password);
    const api = await apiAs(resident.email, resident.password);
    const categories = (
      await api<{ items: { id: string; name: { ru: string } | string }[] }>('GET', '/api/v1/categories')
    ).items;
    const orgs = (await api<{ items: Organisation[] }>('GET', '/api/v1/organisations')).items;
    await page.goto('/organisations');
    const section = page.locator('section.responsible');
    await section.getByRole('heading', { name: 'Кто отвечает за это место' }).waitFor();

    // A found address chooses the point; each subject's organisation links to its directory page.
    const search = section.getByRole('combobox', { name: 'Найти адрес' });
    await search.fill('Невский пр 1');
    await section.getByRole('option', { name: 'Невский проспект, дом 1, литера А' }).click();
    await section.getByText('Выбран адрес: Невский проспект, дом 1, литера А').waitFor();
    const atNevsky = await api<{ items: { categoryId: string; organisationId: string }[] }>(
      'GET',
      '/api/v1/responsible?lat=59.93665&lon=30.31395',
    );
    expect(atNevsky.items.length).toBeGreaterThan(0);
    const first = atNevsky.items[0]!;
    expect(categories.some((c) => c.id === first.categoryId)).toBe(true);
    const org = orgs.find((o) => o.id === first.organisationId)!;
    const link = section.locator(`tbody a[href="/organisations/${org.id}"]`).first();
    await link.waitFor();
    const rows = section.locator('tbody tr');
    expect(await rows.count()).toBe(atNevsky.items.length);

    // The map came to the address: a click a little off its centre chooses that point instead, and
    // the table answers as the API does there.
    const map = section.locator('section.map');
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10);
    const status = section.getByText(/^Выбрана точка: /);
    await status.waitFor();
    const [lat, lon] = (await status.textContent())!.replace('Выбрана точка: ', '').split(', ').map(Number);
    const clicked = await api<{ items: { categoryId: string; organisationId: string }[] }>(
      'GET',
      `/api/v1/responsible?lat=${lat}&lon=${lon}`,
    );
    expect(clicked.items.length).toBeGreaterThan(0);
    await expect.poll(() => rows.count(), { timeout: scaled(20_000) }).toBe(clicked.items.length);
    await checkA11y(page, 'who is responsible here');
    await link.click();
    await page.waitForURL(new RegExp(`/organisations/${org.id}$`));
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });
});
