import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_POINT, createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { myNotifications } from '../support/notifications.ts';
import { errorOf, loginStaff, type Staff } from '../support/reports.ts';

type Found = {
  items: {
    id: string;
    name: string;
    kind: string;
    address: string | null;
    works: { planned: number; inProgress: number; completed: number; overdue: number };
    following: boolean;
  }[];
  total: number;
  page: number;
  pageSize: number;
};

describe('finding and following city objects', () => {
  let t: TestApp;
  let staff: Staff;
  let resident: Session;
  const ids: Record<string, string> = {};

  const object = async (externalId: string, kind: string, name: string, address: string | null) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objects',
      headers: staff.admin.headers,
      payload: {
        externalId,
        kind,
        name,
        address,
        geometry: { type: 'Point', coordinates: [CENTRAL_POINT.lon, CENTRAL_POINT.lat] },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    ids[externalId] = res.json().id;
  };
  const work = async (externalId: string, body: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/objects/${ids[externalId]}/works`,
      headers: staff.admin.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const search = async (query: string, who?: Session): Promise<Found> => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/objects/search?${query}`,
      ...(who ? { headers: who.headers } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const names = (found: Found) => found.items.map((i) => i.name);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    resident = await newResident(t.app);
    await object('S-5', 'school', 'Школа № 5', 'ул. Пушкина, 10');
    await object('S-15', 'school', 'Школа № 15', 'ул. Гоголя, 2');
    await object('P-1', 'park', 'Парк Победы', 'Московский проспект, 188');
    await object('Y-1', 'yard', 'Двор на Ёлочной', 'Ёлочная ул., 3');
    // Under way past its planned end: overdue. A finished one. One planned for later.
    await work('S-5', { title: 'Ремонт кровли', plannedEnd: '2020-09-01', status: 'in_progress' });
    await work('P-1', {
      title: 'Новые дорожки',
      plannedEnd: '2024-06-01',
      actualEnd: '2024-05-20',
      status: 'completed',
    });
    await work('Y-1', { title: 'Детская площадка', plannedStart: '2099-05-01', status: 'planned' });
  });
  afterAll(() => t.close());

  it('finds objects by words of the name or the address, in any case and with е for ё, the closest first', async () => {
    const schools = await search(`q=${encodeURIComponent('школа 5')}`);
    // "5" is in "15" too; the exact number ranks first.
    expect(names(schools)).toEqual(['Школа № 5', 'Школа № 15']);
    expect(schools.total).toBe(2);
    expect(names(await search(`q=${encodeURIComponent('ПУШКИНА')}`))).toEqual(['Школа № 5']);
    expect(names(await search(`q=${encodeURIComponent('елочная')}`))).toEqual(['Двор на Ёлочной']);
    expect(names(await search(`q=${encodeURIComponent('парк гоголя')}`))).toEqual([]);
    // Punctuation alone is no query: everything, by name.
    expect((await search(`q=${encodeURIComponent('№ ,')}`)).total).toBe(4);
  });

  it('filters by kind and by the state of the works, and counts each object’s works', async () => {
    // Numbers in their order, not as text («№ 15» would come before «№ 5»).
    expect(names(await search('kind=school'))).toEqual(['Школа № 5', 'Школа № 15']);
    expect(names(await search('works=overdue'))).toEqual(['Школа № 5']);
    expect(names(await search('works=completed'))).toEqual(['Парк Победы']);
    expect(names(await search('works=active'))).toEqual(['Двор на Ёлочной', 'Школа № 5']);
    const school = (await search('kind=school&works=active')).items[0]!;
    expect(school.works).toEqual({ planned: 0, inProgress: 1, completed: 0, overdue: 1 });
    expect(school.address).toBe('ул. Пушкина, 10');
  });

  it('pages through the catalogue with the total of every page', async () => {
    const first = await search('pageSize=3');
    const second = await search('pageSize=3&page=2');
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect([...names(first), ...names(second)]).toEqual([
      'Двор на Ёлочной',
      'Парк Победы',
      'Школа № 5',
      'Школа № 15',
    ]);
  });

  it('lists the objects a resident follows, to them only', async () => {
    const follow = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/objects/${ids['P-1']}/follow`,
      headers: resident.headers,
    });
    expect(follow.statusCode, follow.body).toBe(200);
    const mine = await search('following=true', resident);
    expect(mine.items.map((i) => [i.name, i.following])).toEqual([['Парк Победы', true]]);
    // Everyone's catalogue marks it for the follower, and for nobody else.
    expect((await search('kind=park', resident)).items[0]!.following).toBe(true);
    expect((await search('kind=park', staff.admin)).items[0]!.following).toBe(false);
    expect((await search('kind=park')).items[0]!.following).toBe(false);

    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/objects/search?following=true' });
    expect(visitor.statusCode).toBe(401);
    expect(errorOf(visitor).code).toBe('unauthenticated');
  });

  it('tells the followers, once each, of works added, started, completed and cancelled; not the editor, nor anyone else', async () => {
    await object('N-1', 'park', 'Сквер у театра', null);
    const follower = await newResident(t.app);
    const bystander = await newResident(t.app);
    for (const who of [follower, staff.admin]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/objects/${ids['N-1']}/follow`,
        headers: who.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const news = async (who: Session, language = 'ru') =>
      (await myNotifications(t, who, '', language)).items
        .filter((n) => n.link === `/objects/${ids['N-1']}`)
        .map((n) => n.message)
        .reverse();
    const worksOf = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/objects/${ids['N-1']}` })).json().works as {
        id: string;
        title: string;
      }[];
    const change = async (workId: string, status: string) => {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/objects/${ids['N-1']}/works/${workId}`,
        headers: staff.admin.headers,
        payload: { title: 'Озеленение', status },
      });
      expect(res.statusCode, res.body).toBe(200);
    };

    await work('N-1', { title: 'Озеленение', status: 'planned' });
    // Born cancelled: no news.
    await work('N-1', { title: 'Фонтан', status: 'cancelled' });
    const greening = (await worksOf()).find((w) => w.title === 'Озеленение')!.id;
    await change(greening, 'in_progress');
    // Stopped and started again: one "started".
    await change(greening, 'planned');
    await change(greening, 'in_progress');
    await change(greening, 'completed');
    await work('N-1', { title: 'Скамейки', status: 'planned' });
    const benches = (await worksOf()).find((w) => w.title === 'Скамейки')!.id;
    const cancel = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/objects/${ids['N-1']}/works/${benches}`,
      headers: staff.admin.headers,
      payload: { title: 'Скамейки', status: 'cancelled' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);

    expect(await news(follower)).toEqual([
      'Новые работы: Сквер у театра: Озеленение',
      'Работы начались: Сквер у театра: Озеленение',
      'Работы завершены, их можно оценить: Сквер у театра: Озеленение',
      'Новые работы: Сквер у театра: Скамейки',
      'Работы отменены: Сквер у театра: Скамейки',
    ]);
    expect((await news(follower, 'en'))[1]).toBe('Works have started: Сквер у театра: Озеленение');
    expect(await news(bystander)).toEqual([]);
    // The editor follows it too, and is not told of their own changes.
    expect(await news(staff.admin)).toEqual([]);
  });

  it('refuses bad input with every problem listed, in the reader’s language', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/objects/search?kind=castle&works=someday&following=maybe&page=0&pageSize=500&q=${'я'.repeat(201)}&sort=name`,
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      errorOf(bad)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual([
      'querystring',
      'querystring.following',
      'querystring.kind',
      'querystring.page',
      'querystring.pageSize',
      'querystring.q',
      'querystring.works',
    ]);
    const ru = await t.app.inject({ method: 'GET', url: '/api/v1/objects/search?kind=castle' });
    expect(errorOf(ru).message).toMatch(/[а-я]/);
  });
});
