import {
  ADMIN,
  ALL,
  EDITORS,
  NOTICE_EDITORS,
  type Policy,
  p,
  RESIDENTS,
  SIGNED_IN,
  STAFF,
  uuid,
} from './authz-roles.ts';

/**
 * Route policies of the city's information: the knowledge base, the directory of organisations,
 * addresses, notices and subscriptions, city objects.
 */
const article = {
  title: 'Как сообщить о фонаре',
  body: 'Сообщите о неисправном фонаре через форму обращения.',
};

export const cityPolicies: Record<string, Policy> = {
  'GET /api/v1/knowledge/search': p(ALL, { query: 'q=фонарь' }),
  'POST /api/v1/knowledge/articles': p(EDITORS, { body: article }),
  'GET /api/v1/knowledge/articles': p(ALL),
  'GET /api/v1/knowledge/articles/:id': p(ALL),
  'PUT /api/v1/knowledge/articles/:id': p(EDITORS, { body: { expectedVersion: 1, article } }),
  'GET /api/v1/knowledge/articles/:id/versions': p(STAFF),
  'POST /api/v1/knowledge/articles/:id/feedback': p(ALL, { body: { helpful: true } }),
  'GET /api/v1/knowledge/stats': p(STAFF),
  'GET /api/v1/knowledge/reminders': p(EDITORS),
  'GET /api/v1/organisations/:id': p(ALL),
  'PUT /api/v1/organisations/:id/profile': p(ADMIN, { body: {} }),
  'GET /api/v1/directory/organisations': p(ALL),
  'GET /api/v1/responsible': p(ALL, { query: 'lat=59.93&lon=30.33' }),
  'GET /api/v1/addresses/search': p(ALL, { query: 'q=Гороховая' }),
  'GET /api/v1/addresses/reverse': p(ALL, { query: 'lat=59.93&lon=30.33' }),
  // Notices: the map and a notice are public; editors as NOTICE_EDITORS. Creating one is the
  // operator's for their own organisation: the body names an unknown one, so opOrg (allowed with
  // its own, not run here) and opOther are both refused before the references are looked at.
  'GET /api/v1/notices': p(ALL),
  'POST /api/v1/notices': p(NOTICE_EDITORS, {
    body: {
      title: 'Отключение воды',
      description: 'Плановый ремонт трубопровода.',
      kind: 'planned_works',
      organisationId: uuid,
      categoryIds: [uuid],
      area: { type: 'Point', coordinates: [30.33, 59.93] },
      startsAt: '2027-01-10T09:00:00+03:00',
      endsAt: '2027-01-11T09:00:00+03:00',
    },
  }),
  'GET /api/v1/notices/:id': p(ALL),
  'PATCH /api/v1/notices/:id': p(NOTICE_EDITORS, { body: { title: 'Замена фонарей' } }),
  'POST /api/v1/notices/:id/updates': p(NOTICE_EDITORS, { body: { text: 'Свет дадут к 18:00' } }),
  // The editor check comes before "the notice has not ended yet".
  'POST /api/v1/notices/:id/answer-linked': p(NOTICE_EDITORS, {
    body: { text: 'Работы завершены, освещение восстановлено.', result: 'solved' },
  }),
  // A resident's own places and alerts: anyone signed in, each their own (subscriptions.service.ts).
  'GET /api/v1/me/notice-subscriptions': p(SIGNED_IN),
  'POST /api/v1/me/notice-subscriptions': p(SIGNED_IN, {
    body: { label: 'Дом', point: { lat: 59.93, lon: 30.33 }, radiusMeters: 500 },
  }),
  'DELETE /api/v1/me/notice-subscriptions/:id': p(SIGNED_IN),
  'GET /api/v1/me/notice-alerts': p(SIGNED_IN),
  'POST /api/v1/me/notice-alerts/read': p(SIGNED_IN),
  // City objects: public reads; editors as NOTICE_EDITORS (`canEditObject`); the registry import is
  // admins' only; following is anyone's signed in, rating residents' only, once each (objects.service.ts).
  'GET /api/v1/objects': p(ALL),
  // The catalogue is public; "only those I follow" (checked here) needs a session.
  'GET /api/v1/objects/search': p(SIGNED_IN, { query: 'following=true' }),
  'POST /api/v1/objects': p(NOTICE_EDITORS, {
    body: {
      externalId: 'matrix-object',
      kind: 'yard',
      name: 'Двор',
      geometry: { type: 'Point', coordinates: [30.33, 59.93] },
      organisationId: uuid,
    },
  }),
  'POST /api/v1/objects/import': p(ADMIN, { body: { mapping: {}, content: '{}' } }),
  'GET /api/v1/objects/:id': p(ALL),
  'POST /api/v1/objects/:id/works': p(NOTICE_EDITORS, { body: { title: 'Ремонт двора', status: 'planned' } }),
  'PUT /api/v1/objects/:id/works/:workId': p(NOTICE_EDITORS, {
    body: { title: 'Ремонт двора', status: 'completed' },
  }),
  'POST /api/v1/objects/:id/works/:workId/photos': p(NOTICE_EDITORS, {
    body: { mediaId: uuid, stage: 'after' },
  }),
  'POST /api/v1/objects/:id/works/:workId/rating': p(RESIDENTS, { body: { score: 4 } }),
  'PUT /api/v1/objects/:id/follow': p(SIGNED_IN),
  'DELETE /api/v1/objects/:id/follow': p(SIGNED_IN),
  'GET /api/v1/me/followed-objects': p(SIGNED_IN),
};
