import { expect } from 'vitest';
import { CENTRAL_POINT, categoryId, newResident, organisationId, type Session, type TestApp } from './app.ts';
import { hours } from './participation.ts';
import type { Staff } from './reports.ts';
import { territories } from './reports.ts';

/**
 * Real targets for the routes of the participation, discussion, knowledge and reference modules in
 * the authorisation matrix: with an unknown id every role would be refused alike (404), which says
 * nothing. Each target belongs to the Central district and to city-light, so `curatorOut` (the Nevsky
 * curator) and `opOther` (the roads operator) are outsiders to it, as they are to the target report.
 * After creation the clock moves three hours on: the poll is open, the vote in its voting stage and
 * the discussion open, so a refused role meets its refusal and not a "not open yet". Comments, items
 * and the initiative are a third resident's, none of the matrix roles.
 */
export type Targets = {
  article: string;
  poll: string;
  vote: string;
  item: string;
  discussion: string;
  comment: string;
  statement: string;
  initiative: string;
  rule: string;
  category: string;
  /** A notice of city-light in force over the Central district. */
  notice: string;
  /** A city object of city-light, and its completed work. */
  object: string;
  work: string;
  organisation: string;
  central: string;
  /** The subject of the target report (street lights). */
  streetLight: string;
  /** city-light's operator: a staff account the city's curator manages and the Nevsky curator does not. */
  staffAccount: string;
};

async function created(t: TestApp, who: Session, url: string, payload: object): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return (res.json() as { id: string }).id;
}

async function firstId(t: TestApp, who: Session, url: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return (res.json() as { items: { id: string }[] }).items[0]!.id;
}

export async function createTargets(t: TestApp, staff: Staff): Promise<Targets> {
  // A resident of their own takes part: the matrix's author keeps their name out of public pages.
  const author = await newResident(t.app);
  const central = (await territories(t)).get('tsentralny')!.id;
  const organisation = await organisationId(t.app, 'city-light');
  const streetLight = await categoryId(t.app, 'street-light');
  const audience = { territoryIds: [central], verifiedOnly: false };
  const article = await created(t, staff.admin, '/api/v1/knowledge/articles', {
    title: 'Как сообщить о неисправном фонаре',
    body: 'Сообщите о неисправном фонаре через форму обращения.',
    status: 'published',
  });
  const poll = await created(t, staff.admin, '/api/v1/polls', {
    title: 'Опрос о сквере',
    audience,
    opensAt: hours(t, 1),
    closesAt: hours(t, 48),
    questions: [{ kind: 'single', text: 'Нужен ли сквер?', options: [{ text: 'Да' }, { text: 'Нет' }] }],
  });
  await created(t, staff.admin, `/api/v1/polls/${poll}/actions/publish`, {});
  const vote = await created(t, staff.admin, '/api/v1/votes', {
    title: 'Бюджет Центрального района',
    audience,
    proposals: { opensAt: hours(t, -1), closesAt: hours(t, 1) },
    voting: { opensAt: hours(t, 2), closesAt: hours(t, 48) },
    maxChoices: 2,
  });
  const item = await created(t, author, `/api/v1/votes/${vote}/items`, { title: 'Скамейки в сквере' });
  const discussion = await created(t, staff.admin, '/api/v1/discussions', {
    title: 'Благоустройство сквера',
    body: 'Проект благоустройства сквера на Гороховой.',
    territoryId: central,
    organisationId: organisation,
    opensAt: hours(t, -1),
    closesAt: hours(t, 240),
    opinionMap: true,
  });
  const comment = await created(t, author, `/api/v1/discussions/${discussion}/comments`, {
    text: 'Поддерживаю проект',
  });
  const statement = await created(t, staff.admin, `/api/v1/discussions/${discussion}/statements`, {
    text: 'В сквере нужно больше скамеек',
  });
  const initiative = await created(t, author, '/api/v1/initiatives', {
    title: 'Детская площадка во дворе',
    text: 'Просим установить детскую площадку во дворе нашего дома.',
    categoryId: streetLight,
    territoryId: central,
  });
  const { lat, lon } = CENTRAL_POINT;
  const notice = await created(t, staff.admin, '/api/v1/notices', {
    title: 'Замена фонарей на Гороховой',
    description: 'Плановая замена светильников уличного освещения.',
    kind: 'planned_works',
    organisationId: organisation,
    categoryIds: [streetLight],
    area: { type: 'Point', coordinates: [lon, lat] },
    startsAt: hours(t, -1),
    endsAt: hours(t, 48),
  });
  const object = await created(t, staff.admin, '/api/v1/objects', {
    externalId: 'authz-matrix-yard',
    kind: 'yard',
    name: 'Двор на Гороховой',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    organisationId: organisation,
  });
  const withWork = await t.app.inject({
    method: 'POST',
    url: `/api/v1/objects/${object}/works`,
    headers: staff.admin.headers,
    payload: { title: 'Замена освещения во дворе', status: 'completed' },
  });
  expect(withWork.statusCode, withWork.body).toBe(201);
  const work = (withWork.json() as { works: { id: string }[] }).works[0]!.id;
  const targets: Targets = {
    article,
    poll,
    vote,
    item,
    discussion,
    comment,
    statement,
    initiative,
    rule: await firstId(t, staff.admin, '/api/v1/admin/routing-rules'),
    category: await firstId(t, staff.admin, '/api/v1/admin/categories'),
    staffAccount: await firstId(t, staff.admin, '/api/v1/admin/staff?q=operator.light@'),
    organisation,
    central,
    streetLight,
    notice,
    object,
    work,
  };
  t.clock.advance(3 * 3_600_000);
  return targets;
}

/** The target of a route's `:id`, by the route's beginning; other routes keep an unknown id. */
export function targetIdFor(route: string, targets: Targets): string | undefined {
  const byPrefix: [string, string][] = [
    ['/api/v1/knowledge/articles/:id', targets.article],
    ['/api/v1/polls/:id', targets.poll],
    ['/api/v1/votes/:id', targets.vote],
    ['/api/v1/discussions/:id', targets.discussion],
    ['/api/v1/comments/:id', targets.comment],
    ['/api/v1/statements/:id', targets.statement],
    ['/api/v1/initiatives/:id', targets.initiative],
    ['/api/v1/admin/routing-rules/:id', targets.rule],
    ['/api/v1/admin/categories/:id', targets.category],
    ['/api/v1/admin/territories/:id', targets.central],
    ['/api/v1/admin/organisations/:id', targets.organisation],
    ['/api/v1/admin/staff/:id', targets.staffAccount],
    ['/api/v1/organisations/:id', targets.organisation],
    ['/api/v1/notices/:id', targets.notice],
    ['/api/v1/objects/:id', targets.object],
  ];
  return byPrefix.find(([prefix]) => route.startsWith(prefix))?.[1];
}
