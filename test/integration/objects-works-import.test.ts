import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_CHUNK, LISTED_ERRORS } from '../../src/modules/objects/registry-file.ts';
import { registryDate, registryMoney } from '../../src/modules/objects/works-import.service.ts';
import { CENTRAL_POINT, createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { myNotifications } from '../support/notifications.ts';
import { importRegistryPoints } from '../support/objects.ts';
import { errorOf, loginStaff, type Staff } from '../support/reports.ts';

type Work = {
  id: string;
  title: string;
  programme: string | null;
  contractor: string | null;
  budget: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: string;
};

/**
 * A works registry (a programme's repairs) imported onto objects of an object registry; and files of
 * either kind longer than one chunk (IMPORT_CHUNK), which must come out as one record at a time would.
 */
describe('importing a works registry, and registries of several chunks', () => {
  let t: TestApp;
  let staff: Staff;
  let follower: Session;
  const objectIds: Record<string, string> = {};

  const worksMapping = {
    source: 'repair-programme',
    records: 'works',
    objectSource: 'city-registry',
    format: 'csv',
    csv: { delimiter: ';' },
    columns: {
      externalId: 'work_id',
      object: 'object_id',
      title: 'work',
      status: 'state',
      programme: 'programme',
      contractor: 'contractor',
      budget: 'sum',
      plannedStart: 'start',
      plannedEnd: 'end',
    },
    statuses: { Запланировано: 'planned', 'В работе': 'in_progress', Выполнено: 'completed' },
  };
  const header = 'work_id;object_id;work;state;programme;contractor;sum;start;end';
  const importWorks = (lines: string[], mapping: object = worksMapping, who?: Session) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/objects/import',
      headers: { ...(who ?? staff.admin).headers, 'accept-language': 'ru' },
      payload: { mapping, content: [header, ...lines].join('\n') },
    });
  const worksOf = async (key: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/objects/${objectIds[key]}` })).json().works as Work[];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    follower = await newResident(t.app);
    Object.assign(
      objectIds,
      await importRegistryPoints(t, staff.admin, [
        { id: 'S-5', name: 'Школа № 5', kind: 'school' },
        { id: 'Y-7', name: 'Двор дома 7', kind: 'yard' },
      ]),
    );
    const followed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/objects/${objectIds['S-5']}/follow`,
      headers: follower.headers,
    });
    expect(followed.statusCode, followed.body).toBe(200);
  });
  afterAll(() => t.close());

  it('reads Russian dates and sums, maps the states, and lists every problem of a bad row by its column', async () => {
    const res = await importWorks([
      'W-1;S-5;Ремонт кровли;В работе;Капремонт 2026;ООО «Кровля»;1 250 000,50;01.04.2026;30.09.2026',
      'W-2;Y-7;Детская площадка;Запланировано;;;;2026-06-01;2026-08-31',
      // An unknown object, an unknown state, an unreadable date and sum, all in one row.
      'W-3;NO-SUCH;Покраска;Отложено;;;много;31.02.2026;',
      // A real-looking date that does not exist, an end before the start, a title too short.
      'W-4;Y-7;Ям;Запланировано;;;;2026-02-30;2026-01-01',
      ';S-5;Без номера;Выполнено;;;;;',
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ read: 5, created: 2, updated: 0, unchanged: 0, failed: 3 });
    const byLine = Object.fromEntries(
      (result.errors as { line: number; problems: { path: string; message: string }[] }[]).map((e) => [
        e.line,
        e.problems,
      ]),
    );
    expect(byLine[4]).toEqual([
      { path: 'object_id', message: 'Объект «NO-SUCH» не найден в реестре объектов' },
      { path: 'state', message: 'Неизвестное состояние работ «Отложено»' },
      { path: 'start', message: 'Дата «31.02.2026» не читается: нужна ГГГГ-ММ-ДД или ДД.ММ.ГГГГ' },
      { path: 'sum', message: 'Сумма «много» не читается как рубли (например, 1 250 000,50)' },
    ]);
    expect(byLine[5]!.map((p) => p.path).sort()).toEqual(['start', 'work']);
    expect(byLine[6]).toEqual([{ path: 'work_id', message: 'Поле не заполнено' }]);

    const [roof] = await worksOf('S-5');
    expect(roof).toMatchObject({
      title: 'Ремонт кровли',
      programme: 'Капремонт 2026',
      contractor: 'ООО «Кровля»',
      budget: '1250000.50',
      plannedStart: '2026-04-01',
      plannedEnd: '2026-09-30',
      status: 'in_progress',
    });
    expect((await worksOf('Y-7')).map((w) => w.title)).toEqual(['Детская площадка']);
  });

  it('changes nothing when the same file comes again, and updates a work whose row changed', async () => {
    const again = await importWorks([
      'W-1;S-5;Ремонт кровли;В работе;Капремонт 2026;ООО «Кровля»;1 250 000,50;01.04.2026;30.09.2026',
      'W-2;Y-7;Детская площадка;Запланировано;;;;2026-06-01;2026-08-31',
    ]);
    expect(again.json()).toMatchObject({ read: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
    const done = await importWorks([
      'W-1;S-5;Ремонт кровли;Выполнено;Капремонт 2026;ООО «Кровля»;1 250 000,50;01.04.2026;30.09.2026',
    ]);
    expect(done.json()).toMatchObject({ read: 1, created: 0, updated: 1, unchanged: 0 });
    const works = await worksOf('S-5');
    expect(works).toHaveLength(1);
    expect(works[0]!.status).toBe('completed');
  });

  it("tells the object's followers of works added and completed through the registry", async () => {
    const news = (await myNotifications(t, follower)).items
      .filter((n) => n.link === `/objects/${objectIds['S-5']}`)
      .map((n) => n.message)
      .reverse();
    expect(news).toHaveLength(2);
    expect(news[0]).toContain('Ремонт кровли');
    expect(news[1]).toContain('Ремонт кровли');
    expect(news[0]).not.toBe(news[1]);
  });

  it('refuses a bad mapping with every problem listed, and anyone but an administrator', async () => {
    const bad = await importWorks(['W-9;S-5;Покраска;Выполнено;;;;;'], {
      ...worksMapping,
      columns: { externalId: 'work_id', title: 'work' },
      statuses: { Готово: 'done' },
      extra: true,
    });
    expect(bad.statusCode).toBe(422);
    const error = errorOf(bad);
    expect(error.code).toBe('objects_mapping_invalid');
    expect(error.details.map((d) => d.path).sort()).toEqual(
      ['', 'columns.object', 'columns.status', 'statuses.Готово'].sort(),
    );
    // Columns the file does not have: refused whole, each named, rather than every row "empty".
    const otherFile = await importWorks(['W-9;S-5;Покраска;Выполнено;;;;;'], {
      ...worksMapping,
      columns: { ...worksMapping.columns, externalId: 'id', budget: 'amount' },
    });
    expect(otherFile.statusCode).toBe(422);
    expect(errorOf(otherFile).details).toEqual([
      { path: 'columns.externalId', message: 'В файле нет столбца «id»' },
      { path: 'columns.budget', message: 'В файле нет столбца «amount»' },
    ]);
    const operator = await importWorks(['W-9;S-5;Покраска;Выполнено;;;;;'], worksMapping, staff.opLight);
    expect(operator.statusCode).toBe(403);
    expect(await worksOf('S-5')).toHaveLength(1);
  });

  it('refuses, row by row, ids and names longer than an object or a work entered by hand may have', async () => {
    const longName = 'Очень длинное название '.repeat(200);
    const objects = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objects/import',
      headers: { ...staff.admin.headers, 'accept-language': 'ru' },
      payload: {
        mapping: {
          source: 'city-registry',
          format: 'csv',
          columns: { externalId: 'id', name: 'name', kind: 'kind', lat: 'lat', lon: 'lon' },
        },
        content: [
          'id,name,kind,lat,lon',
          `L-1,${longName},park,${CENTRAL_POINT.lat},${CENTRAL_POINT.lon}`,
          `${'x'.repeat(250)},Парк,park,${CENTRAL_POINT.lat},${CENTRAL_POINT.lon}`,
          `L-3,Сквер,park,${CENTRAL_POINT.lat},${CENTRAL_POINT.lon}`,
        ].join('\n'),
      },
    });
    expect(objects.statusCode, objects.body).toBe(200);
    expect(objects.json()).toMatchObject({ read: 3, created: 1, failed: 2 });
    expect(
      objects.json().errors.map((e: { problems: { path: string }[] }) => e.problems.map((p) => p.path)),
    ).toEqual([['name'], ['id']]);
    const works = await importWorks([`${'w'.repeat(250)};S-5;Покраска;Выполнено;;;;;`]);
    expect(works.json()).toMatchObject({ read: 1, created: 0, failed: 1 });
    expect(works.json().errors[0].problems.map((p: { path: string }) => p.path)).toEqual(['work_id']);
  });

  it('imports a works file of several chunks as it would row by row: a key met twice, bad rows, news', async () => {
    const newsBefore = (await myNotifications(t, follower)).items.length;
    // Past two chunks: a work on the followed school whose key comes twice in one chunk (planned, then
    // started), bad rows at both sides of a chunk's edge, and the rest on the yard.
    const rows = Array.from(
      { length: 2 * IMPORT_CHUNK + 10 },
      (_, i) => `BIG-${i};Y-7;Работа № ${i};Запланировано;;;;;`,
    );
    rows[3] = 'BIG-S;S-5;Ограждение школы;Запланировано;;;;;';
    rows[7] = 'BIG-S;S-5;Ограждение школы;В работе;;;;;';
    rows[IMPORT_CHUNK - 1] = `BIG-bad-1;NO-SUCH;Покраска;Запланировано;;;;;`;
    rows[IMPORT_CHUNK] = `BIG-bad-2;Y-7;Покраска;Отложено;;;;;`;
    const yard = `/objects/${objectIds['Y-7']}`;
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/v1${yard}/follow`, headers: follower.headers }))
        .statusCode,
    ).toBe(200);
    const res = await importWorks(rows);
    expect(res.statusCode, res.body).toBe(200);
    // Line 1 is the header: row i is line i + 2.
    expect(res.json()).toMatchObject({
      read: 2 * IMPORT_CHUNK + 10,
      created: 2 * IMPORT_CHUNK + 7,
      updated: 1,
      unchanged: 0,
      failed: 2,
    });
    expect(res.json().errors.map((e: { line: number }) => e.line)).toEqual([
      IMPORT_CHUNK + 1,
      IMPORT_CHUNK + 2,
    ]);
    const school = (await worksOf('S-5')).find((w) => w.title === 'Ограждение школы');
    expect(school?.status).toBe('in_progress');
    expect((await worksOf('Y-7')).length).toBe(1 + 2 * IMPORT_CHUNK + 6);
    // The follower heard of it being added and started, as when an editor does both.
    const all = (await myNotifications(t, follower)).items;
    // Newest first: the ones before this import are at the end.
    const news = all.slice(0, all.length - newsBefore);
    expect(news.map((n) => n.message).filter((m) => m.includes('Ограждение школы'))).toHaveLength(2);
    // The yard's thousand new works came as a notice or so a chunk, each counting those it stands for.
    const yardNews = news.filter((n) => n.link === yard).map((n) => /\(\+(\d+)\)$/.exec(n.message)?.[1]);
    expect(yardNews.length).toBeLessThanOrEqual(6);
    expect(yardNews.reduce((sum, more) => sum + 1 + Number(more ?? 0), 0)).toBe(2 * IMPORT_CHUNK + 6);
    // Again, row by row: the key met twice goes back to planned and on to started again.
    const again = await importWorks(rows);
    expect(again.json()).toMatchObject({
      created: 0,
      updated: 2,
      unchanged: 2 * IMPORT_CHUNK + 6,
      failed: 2,
    });
  });

  it('imports an object registry of several chunks as it would one record at a time', async () => {
    const { lat, lon } = CENTRAL_POINT;
    const point = (i: number) => ({ type: 'Point', coordinates: [lon + 0.03 + i * 1e-5, lat + 0.03] });
    const features: { type: string; properties: Record<string, string>; geometry: object }[] = Array.from(
      { length: 2 * IMPORT_CHUNK + 5 },
      (_, i) => ({
        type: 'Feature',
        properties: { id: `C-${i}`, name: `Объект № ${i}`, type: 'Двор' },
        geometry: point(i),
      }),
    );
    // A key twice in one chunk: the later record renames the object the earlier one made.
    features[9] = {
      ...features[9]!,
      properties: { id: 'C-2', name: 'Объект № 2, переименован', type: 'Двор' },
    };
    // At a chunk's edge: an outline PostGIS refuses (a bow tie), then one with an unknown kind as well.
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.001, lat + 0.001],
          [lon + 0.001, lat],
          [lon, lat + 0.001],
          [lon, lat],
        ],
      ],
    };
    features[IMPORT_CHUNK - 1] = { ...features[IMPORT_CHUNK - 1]!, geometry: bowTie };
    features[IMPORT_CHUNK] = {
      ...features[IMPORT_CHUNK]!,
      properties: { ...features[IMPORT_CHUNK]!.properties, type: 'Бассейн' },
      geometry: bowTie,
    };
    const importFile = (features: unknown[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/objects/import',
        headers: staff.admin.headers,
        payload: {
          mapping: {
            source: 'chunked-registry',
            format: 'geojson',
            columns: { externalId: 'id', name: 'name', kind: 'type' },
            kinds: { Двор: 'yard' },
          },
          content: JSON.stringify({ type: 'FeatureCollection', features }),
        },
      });
    const res = await importFile(features);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      read: 2 * IMPORT_CHUNK + 5,
      created: 2 * IMPORT_CHUNK + 2,
      updated: 1,
      unchanged: 0,
      failed: 2,
    });
    const errors = res.json().errors as { line: number; problems: { path: string; message: string }[] }[];
    expect(errors.map((e) => e.line)).toEqual([IMPORT_CHUNK, IMPORT_CHUNK + 1]);
    expect(errors[0]!.problems.map((p) => p.path)).toEqual(['geometry']);
    expect(errors[0]!.problems[0]!.message).toMatch(/самопересеч|Self-intersection/i);
    expect(errors[1]!.problems.map((p) => p.path).sort()).toEqual(['geometry', 'type']);
    const renamed = await t.app.inject({ method: 'GET', url: '/api/v1/objects/search?q=переименован' });
    expect(renamed.json().items.map((o: { name: string }) => o.name)).toEqual(['Объект № 2, переименован']);
    const again = await importFile(features);
    expect(again.json()).toMatchObject({
      created: 0,
      updated: 2,
      unchanged: 2 * IMPORT_CHUNK + 1,
      failed: 2,
    });
  });

  it('lists the first LISTED_ERRORS refused rows of a file whose every row fails, and counts them all', async () => {
    const rows = Array.from({ length: LISTED_ERRORS + 3 }, (_, i) => `ALL-${i};S-5;Покраска;Отложено;;;;;`);
    const res = await importWorks(rows);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ read: LISTED_ERRORS + 3, created: 0, failed: LISTED_ERRORS + 3 });
    const lines = res.json().errors.map((e: { line: number }) => e.line);
    expect(lines).toHaveLength(LISTED_ERRORS);
    expect([lines[0], lines.at(-1)]).toEqual([2, LISTED_ERRORS + 1]);
  });

  it('reads the dates and sums registries write', () => {
    expect(registryDate('2026-04-01')).toBe('2026-04-01');
    expect(registryDate('1.4.2026')).toBe('2026-04-01');
    expect(registryDate('01/04/2026')).toBeNull();
    expect(registryDate('29.02.2025')).toBeNull();
    expect(registryDate('2024-02-29')).toBe('2024-02-29');
    expect(registryMoney('1\u00a0250\u00a0000,5')).toBe('1250000.5');
    expect(registryMoney('1 250 000')).toBe('1250000');
    expect(registryMoney('1,250,000.00')).toBeNull();
    expect(registryMoney('-5')).toBeNull();
  });
});
