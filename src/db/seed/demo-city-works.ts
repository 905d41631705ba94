import type { Db } from '../../db/connection.ts';
import { DAY_MS, fixedClock, HOUR_MS, startOfHour } from '../../lib/clock.ts';
import { type Geometry, rectangleAround } from '../../lib/geojson.ts';
import type { Actor } from '../../modules/identity/index.ts';
import { createNotice, type NoticeKind } from '../../modules/notices/index.ts';
import { inAppTopicNotifier } from '../../modules/notifications/index.ts';
import {
  addWork,
  type CityObjectKind,
  cityToday,
  saveObject,
  type WorkBody,
} from '../../modules/objects/index.ts';
import type { ReferenceIds } from './reference.ts';

const line = (...points: [number, number][]): Geometry => ({ type: 'LineString', coordinates: points });

// Real places (public facts); the works, dates, contractors and sums are invented for the demo.
const LIGOVSKY = line([30.3615, 59.9295], [30.3567, 59.9208], [30.3512, 59.9127]);
const BOLSHEVIKOV = line([30.4705, 59.9128], [30.4793, 59.9006], [30.4873, 59.8898]);

type DemoNotice = {
  kind: NoticeKind;
  organisation: string;
  categories: string[];
  title: string;
  description: string;
  area: Geometry;
  /** Days from now (negative: in the past). */
  from: number;
  to: number;
};

const NOTICES: DemoNotice[] = [
  {
    kind: 'planned_works',
    organisation: 'city-heat',
    categories: ['no-hot-water'],
    title: 'Отключение горячей воды: ремонт теплосети у метро «Улица Дыбенко»',
    description:
      'Замена участка теплотрассы. В домах квартала **нет горячей воды** на время работ; ' +
      'отопление работает. Сообщения о горячей воде в этом квартале связываются с уведомлением.',
    area: rectangleAround(30.4835, 59.9077, 0.006, 0.0025),
    from: -3,
    to: 9,
  },
  {
    kind: 'emergency_outage',
    organisation: 'city-water',
    categories: ['no-cold-water', 'water-pressure'],
    title: 'Авария на водопроводе: нет холодной воды на Васильевском острове',
    description:
      'Повреждение водовода на 7-й линии. Аварийная бригада на месте; подвоз воды — у дома 34. ' +
      'Ориентировочное время восстановления — к утру.',
    area: rectangleAround(30.2795, 59.9405, 0.004, 0.002),
    from: -0.25,
    to: 0.75,
  },
  {
    kind: 'road_closure',
    organisation: 'roads-directorate',
    categories: ['road-pothole', 'pavement-damage'],
    title: 'Ремонт покрытия Лиговского проспекта: сужение проезжей части',
    description:
      'Фрезерование и укладка асфальта от площади Восстания до Обводного канала, по две полосы. ' +
      'Работы идут ночью, с 22:00 до 6:00.',
    area: LIGOVSKY,
    from: -2,
    to: 20,
  },
  {
    kind: 'planned_works',
    organisation: 'city-heat',
    categories: ['no-heating', 'low-temperature'],
    title: 'Промывка и опрессовка теплосети в Московском районе',
    description: 'Возможны перебои с отоплением в течение дня в домах у парка Победы.',
    area: rectangleAround(30.3235, 59.8672, 0.008, 0.003),
    from: 5,
    to: 7,
  },
  {
    kind: 'event',
    organisation: 'appearance-committee',
    categories: ['litter-bins'],
    title: 'Новогодняя ярмарка на Манежной площади',
    description: 'Ярмарка и праздничная программа. Урны вывозятся дважды в день.',
    area: rectangleAround(30.3403, 59.9375, 0.0015, 0.0008),
    from: 14,
    to: 40,
  },
  {
    kind: 'planned_works',
    organisation: 'city-water',
    categories: ['no-cold-water'],
    title: 'Замена водопровода на Среднем проспекте В.О.',
    description: 'Работы завершены, водоснабжение восстановлено.',
    area: line([30.2682, 59.9383], [30.2841, 59.9412]),
    from: -40,
    to: -12,
  },
];

/** A work with its dates as days from now (the demo is seeded on any day). */
type DemoWork = Omit<WorkBody, 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'> & {
  planned: [number, number];
  actual?: [number, number | null];
};

type DemoObject = {
  externalId: string;
  kind: CityObjectKind;
  name: string;
  address: string;
  organisation: string;
  geometry: Geometry;
  works: DemoWork[];
};

const OBJECTS: DemoObject[] = [
  {
    externalId: 'demo-tauride-garden',
    kind: 'park',
    name: 'Таврический сад',
    address: 'Кирочная улица, 50А',
    organisation: 'appearance-committee',
    geometry: rectangleAround(30.3715, 59.9463, 0.005, 0.0023),
    works: [
      {
        title: 'Ремонт дорожек и замена освещения',
        programme: 'Формирование комфортной городской среды',
        contractor: 'ООО «Парк-Строй»',
        budget: '18400000.00',
        planned: [-210, -98],
        actual: [-199, -77],
        status: 'completed',
      },
    ],
  },
  {
    externalId: 'demo-victory-park',
    kind: 'park',
    name: 'Московский парк Победы',
    address: 'Кузнецовская улица, 25',
    organisation: 'appearance-committee',
    geometry: rectangleAround(30.3235, 59.8672, 0.0065, 0.0028),
    works: [
      {
        title: 'Реконструкция фонтанов у главной аллеи',
        programme: 'Адресная инвестиционная программа',
        contractor: null,
        budget: '42000000.00',
        planned: [130, 300],
        status: 'planned',
      },
    ],
  },
  {
    externalId: 'demo-ligovsky-section',
    kind: 'road_section',
    name: 'Лиговский проспект: от площади Восстания до Обводного канала',
    address: 'Лиговский проспект',
    organisation: 'roads-directorate',
    geometry: LIGOVSKY,
    works: [
      {
        title: 'Ремонт асфальтобетонного покрытия',
        programme: 'Ремонт дорог 2026',
        contractor: 'АО «Дорожное управление»',
        budget: '96500000.00',
        planned: [-11, 19],
        actual: [-2, null],
        status: 'in_progress',
      },
    ],
  },
  {
    externalId: 'demo-bolshevikov',
    kind: 'road',
    name: 'Проспект Большевиков',
    address: 'проспект Большевиков',
    organisation: 'roads-directorate',
    geometry: BOLSHEVIKOV,
    works: [
      {
        title: 'Ремонт тротуаров и занижение бордюров на переходах',
        programme: 'Ремонт дорог 2027',
        contractor: null,
        budget: null,
        planned: [146, 237],
        status: 'planned',
      },
    ],
  },
  {
    externalId: 'demo-yard-7th-line',
    kind: 'yard',
    name: 'Двор дома 34 по 7-й линии В.О.',
    address: '7-я линия В.О., 34',
    organisation: 'adm-vasileostrovsky',
    geometry: rectangleAround(30.2795, 59.9405, 0.0006, 0.0003),
    works: [
      {
        title: 'Благоустройство двора: детская площадка и освещение',
        programme: 'Петербургские дворы',
        contractor: 'ООО «Двор-Сервис»',
        budget: '3250000.00',
        planned: [-188, -113],
        actual: [-186, -118],
        status: 'completed',
      },
    ],
  },
  {
    externalId: 'demo-school-nevsky',
    kind: 'school',
    name: 'Школа на улице Коллонтай',
    address: 'улица Коллонтай, 15',
    organisation: 'adm-nevsky',
    geometry: { type: 'Point', coordinates: [30.4731, 59.9128] },
    works: [
      {
        title: 'Капитальный ремонт кровли',
        programme: 'Капитальный ремонт образовательных учреждений',
        contractor: 'ООО «КровляСтрой»',
        budget: '12800000.00',
        planned: [177, 257],
        status: 'planned',
      },
    ],
  },
];

/**
 * Demo notices (an outage and road works in force now, works to come, an ended one) and city objects
 * with their works (done, under way, planned), made through the same use cases staff run. A notice
 * starting in the past is published as if on its first day, so its start is not news to anyone.
 */
export async function seedDemoCityWorks(db: Db, ids: ReferenceIds, now: Date): Promise<void> {
  const adminId = ids.users.get('admin@demo.vmeste.local');
  if (!adminId) return;
  const admin: Actor = { id: adminId, role: 'admin', organisationId: null, territoryId: null };
  const clock = fixedClock(now);
  // Nobody follows the new objects yet; the notifier is there for the use cases' sake.
  const deps = { db, clock, notifier: inAppTopicNotifier() };
  // Notices start and end on the hour; works on whole days of the city's calendar.
  const hour = startOfHour(now).getTime();
  const at = (days: number) => new Date(hour + Math.round(days * 24) * HOUR_MS);
  const day = (days: number) => cityToday(new Date(now.getTime() + days * DAY_MS));
  for (const n of NOTICES) {
    const organisationId = ids.organisations.get(n.organisation);
    const categoryIds = n.categories.flatMap((c) => ids.categories.get(c) ?? []);
    if (!organisationId || categoryIds.length === 0) continue;
    clock.set(n.from < 0 ? at(n.from) : now);
    await createNotice(deps, admin, {
      kind: n.kind,
      organisationId,
      categoryIds,
      title: n.title,
      description: n.description,
      area: n.area,
      startsAt: at(n.from).toISOString(),
      endsAt: at(n.to).toISOString(),
    });
  }
  clock.set(now);
  for (const o of OBJECTS) {
    const organisationId = ids.organisations.get(o.organisation) ?? null;
    const saved = await saveObject(deps, admin, {
      externalId: o.externalId,
      kind: o.kind,
      name: o.name,
      address: o.address,
      organisationId,
      geometry: o.geometry,
    });
    for (const { planned, actual, ...work } of o.works)
      await addWork(deps, admin, saved.id, {
        ...work,
        plannedStart: day(planned[0]),
        plannedEnd: day(planned[1]),
        actualStart: actual ? day(actual[0]) : null,
        actualEnd: actual?.[1] != null ? day(actual[1]) : null,
      });
  }
}
