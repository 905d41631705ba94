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
