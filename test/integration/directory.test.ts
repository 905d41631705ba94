import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CENTRAL_POINT,
  categoryId,
  createTestApp,
  login,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import { driveTo, loginStaff } from '../support/reports.ts';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({
  day,
  opens: '09:00',
  closes: '18:00',
  breaks: [{ from: '13:00', to: '13:48' }],
}));

describe('organisation directory', () => {
  let t: TestApp;
  let admin: Session;
  let light: string;
  let water: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin@demo.vmeste.local');
    light = await organisationId(t.app, 'city-light');
    water = await organisationId(t.app, 'city-water');
  });
  afterAll(() => t.close());

  const saveProfile = (who: Session, id: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${id}/profile`,
      headers: who.headers,
      payload,
    });
  const page = async (id: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('shows an organisation with hours, open now, contacts, services and addresses', async () => {
    const res = await saveProfile(admin, light, {
      kind: 'municipal',
      officeAddress: 'Санкт-Петербург, ул. Шпалерная, 10',
      servedAddresses: ['Невский проспект, 1–180'],
      services: [{ ru: 'Ремонт уличных фонарей', en: 'Street light repair' }],
      hours: weekdays,
      daysOff: ['2026-03-04'],
    });
    expect(res.statusCode, res.body).toBe(200);
    // The test clock: Monday 2 March 2026, 12:00 in St Petersburg.
    const p = await page(light);
    expect(p.kind).toBe('municipal');
    expect(p.openNow).toBe(true);
    expect(p.closesAt).toBe('2026-03-02T10:00:00.000Z'); // the lunch break at 13:00 local
    expect(p.hours).toEqual(weekdays);
    expect(p.contacts).toMatchObject({
      phone: '+7 (812) 000-10-01',
      officeAddress: 'Санкт-Петербург, ул. Шпалерная, 10',
    });
    expect(p.services).toEqual([{ ru: 'Ремонт уличных фонарей', en: 'Street light repair' }]);
    expect(p.categories.length).toBeGreaterThan(0);
    expect(p.territories.length).toBeGreaterThan(0);

    t.clock.set(new Date('2026-03-03T16:00:00Z')); // Tuesday 19:00: closed; Wednesday is a day off
    const evening = await page(light);
    expect(evening.openNow).toBe(false);
    expect(evening.nextOpening).toMatchObject({ date: '2026-03-05', weekday: 4, time: '09:00' });

    t.clock.set(new Date('2026-03-06T16:00:00Z')); // Friday 19:00 → Monday 9 March is a holiday (8 March moved)
    const weekend = await page(light);
    expect(weekend.nextOpening).toMatchObject({ date: '2026-03-10', weekday: 2, time: '09:00' });
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('refuses overlapping hours and misplaced breaks with specific codes, storing nothing', async () => {
    const res = await saveProfile(admin, light, {
      hours: [
        { day: 1, opens: '09:00', closes: '18:00', breaks: [{ from: '19:00', to: '20:00' }] },
        { day: 1, opens: '17:00', closes: '21:00' },
        { day: 7, opens: '22:00', closes: '10:00' },
        { day: 2, opens: '9:00', closes: '25:00' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'hours.3.opens',
      'hours.3.closes',
    ]);
    const semantic = await saveProfile(admin, light, {
      hours: [
        { day: 1, opens: '09:00', closes: '18:00', breaks: [{ from: '19:00', to: '20:00' }] },
        { day: 1, opens: '17:00', closes: '21:00' },
        { day: 7, opens: '22:00', closes: '10:00' },
      ],
    });
    expect(semantic.statusCode).toBe(422);
    expect(semantic.json().error.code).toBe('invalid_working_hours');
    expect(
      semantic.json().error.details.map((d: { path: string; code: string }) => [d.path, d.code]),
    ).toEqual([
      ['hours.0.breaks.0', 'hours_break_outside'],
      ['hours.1', 'hours_overlap'],
      ['hours.2', 'hours_overlap'],
    ]);
    expect(semantic.json().error.details[1].message).toBe('Пересекается с интервалом № 1');
    expect((await page(light)).hours).toEqual(weekdays);
  });

  it('lets only admins edit the directory', async () => {
    const operator = await login(t.app, 'operator.light@demo.vmeste.local');
    expect((await saveProfile(operator, light, { hours: [] })).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('finds organisations by words, services and misspelt names', async () => {
    const search = async (q: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/directory/organisations?q=${encodeURIComponent(q)}`,
        })
      ).json().items as { id: string; name: { ru: string } }[];
    expect((await search('фонарей'))[0]?.id).toBe(light);
    expect((await search('Городской свет'))[0]?.id).toBe(light);
    expect((await search('водные сети'))[0]?.id).toBe(water);
    expect((await search('Горотской свед'))[0]?.id).toBe(light);
    expect((await search('Водные сеити'))[0]?.id).toBe(water);
    expect(await search('квадрокоптер')).toEqual([]);
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/v1/directory/organisations?limit=200' })
    ).json().items;
    expect(all.length).toBeGreaterThan(10);
  });

  it('answers who is responsible at a point from the routing rules', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/responsible?lat=${CENTRAL_POINT.lat}&lon=${CENTRAL_POINT.lon}`,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { categoryId: string; organisationId: string }[];
    expect(items).toContainEqual({
      categoryId: await categoryId(t.app, 'street-light'),
      organisationId: light,
    });
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['categoryId', 'organisationId']);
    const outside = await t.app.inject({ method: 'GET', url: '/api/v1/responsible?lat=55.75&lon=37.62' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('point_outside_region');
  });

  it('shows its figures of the last 12 months: received, answered on time, rating, disputes', async () => {
    const before = (await page(light)).figures;
    expect(before).toMatchObject({
      received: 0,
      answeredOnTimeShare: null,
      meanRating: null,
      disputeRate: null,
    });
    const resident = await newResident(t.app);
    await driveTo(t, await loginStaff(t), resident, 'answered', { category: 'street-light' });
    const after = (await page(light)).figures;
    expect(after).toMatchObject({ received: 1, answeredOnTimeShare: 1, disputeRate: 0 });
  });
});
