import {
  ADMIN,
  ALL,
  DISCUSSION_MANAGERS,
  MANAGERS,
  MODERATORS,
  ORGANISERS,
  type Policy,
  p,
  RESIDENTS,
  SIGNED_IN,
  uuid,
  window,
} from './authz-roles.ts';

/** Route policies of participation: polls, rating votes, public discussions and initiatives. */
const poll = {
  title: 'Опрос о сквере',
  ...window,
  questions: [{ kind: 'single', text: 'Нужен ли сквер?', options: [{ text: 'Да' }, { text: 'Нет' }] }],
};

export const participationPolicies: Record<string, Policy> = {
  'POST /api/v1/polls': p(ORGANISERS, { body: poll }),
  'GET /api/v1/polls': p(ALL),
  'GET /api/v1/polls/:id': p(ALL),
  'PUT /api/v1/polls/:id': p(MANAGERS, { body: poll }),
  'POST /api/v1/polls/:id/actions/publish': p(MANAGERS),
  'PUT /api/v1/polls/:id/ballot': p(RESIDENTS, { body: { answers: [] } }),
  // Results are the managers' until the poll's visibility makes them public (poll-results.service.ts):
  // the target poll is open and shows its results after closing. Ballots are the managers' always.
  'GET /api/v1/polls/:id/results': p(MANAGERS),
  'GET /api/v1/polls/:id/results.csv': p(MANAGERS),
  'GET /api/v1/polls/:id/results.xlsx': p(MANAGERS),
  'GET /api/v1/polls/:id/ballots.csv': p(MANAGERS),
  'GET /api/v1/polls/:id/ballots.xlsx': p(MANAGERS),
  'POST /api/v1/votes': p(ORGANISERS, {
    body: {
      title: 'Бюджет двора',
      proposals: window,
      voting: { opensAt: '2027-02-01T09:00:00+03:00', closesAt: '2027-03-01T21:00:00+03:00' },
      maxChoices: 3,
    },
  }),
  'GET /api/v1/votes': p(ALL),
  'GET /api/v1/votes/:id': p(ALL),
  // Residents propose items; organisers may add them too (votes.service.ts `addItem`).
  'POST /api/v1/votes/:id/items': p([...RESIDENTS, ...MANAGERS], { body: { title: 'Скамейки в сквере' } }),
  'POST /api/v1/votes/:id/items/:itemId/actions/moderate': p(MANAGERS, { body: { decision: 'approve' } }),
  'PUT /api/v1/votes/:id/ballot': p(RESIDENTS, { body: { itemIds: [] } }),
  'GET /api/v1/votes/:id/results': p(ALL),
  'POST /api/v1/votes/:id/actions/publish-winners': p(MANAGERS, {
    body: { itemIds: [uuid], decision: 'Победители определены голосованием жителей.' },
  }),
  'POST /api/v1/discussions': p(DISCUSSION_MANAGERS, {
    body: { title: 'Благоустройство сквера', body: 'Проект благоустройства сквера.', ...window },
  }),
  'GET /api/v1/discussions': p(ALL),
  'GET /api/v1/discussions/:id': p(ALL),
  'PATCH /api/v1/discussions/:id': p(DISCUSSION_MANAGERS, {
    body: { title: 'Благоустройство сквера (ред.)' },
  }),
  'POST /api/v1/discussions/:id/close': p(DISCUSSION_MANAGERS),
  'POST /api/v1/discussions/:id/results': p(DISCUSSION_MANAGERS, { body: { text: 'Итоги обсуждения' } }),
  'PUT /api/v1/discussions/:id/follow': p(SIGNED_IN),
  'DELETE /api/v1/discussions/:id/follow': p(SIGNED_IN),
  // Residents of the audience comment; the discussion's authority (its operators), curators and
  // admins reply officially (comments.service.ts `addComment`).
  'POST /api/v1/discussions/:id/comments': p(
    [...RESIDENTS, 'opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin'],
    {
      body: { text: 'Поддерживаю проект' },
    },
  ),
  // Only the comment's own author edits it (the target's author is none of the matrix roles).
  'PATCH /api/v1/comments/:id': p([], { body: { text: 'Поддерживаю проект целиком' } }),
  'PUT /api/v1/comments/:id/support': p(RESIDENTS),
  'POST /api/v1/comments/:id/flags': p(RESIDENTS, { body: { reason: 'spam' } }),
  'POST /api/v1/comments/:id/moderation': p(MODERATORS, { body: { action: 'restore' } }),
  'GET /api/v1/moderation/comments': p(MODERATORS),
  'POST /api/v1/discussions/:id/statements': p([...RESIDENTS, ...DISCUSSION_MANAGERS], {
    body: { text: 'Нужно больше скамеек' },
  }),
  // Approved statements are public; the other statuses are the moderators' (a query refused below).
  'GET /api/v1/discussions/:id/statements': p(ALL),
  'GET /api/v1/discussions/:id/statements/next': p(SIGNED_IN),
  'POST /api/v1/statements/:id/moderation': p(MODERATORS, { body: { decision: 'approve' } }),
  'PUT /api/v1/statements/:id/vote': p(RESIDENTS, { body: { vote: 'agree' } }),
  'GET /api/v1/discussions/:id/opinion-map': p(ALL),
  'GET /api/v1/discussions/:id/opinion-map/:what.csv': p([...DISCUSSION_MANAGERS, 'analyst']),
  'POST /api/v1/initiatives': p(RESIDENTS, {
    body: {
      title: 'Детская площадка во дворе',
      text: 'Просим установить детскую площадку во дворе нашего дома.',
      categoryId: uuid,
      territoryId: uuid,
    },
  }),
  'GET /api/v1/initiatives': p(ALL),
  'GET /api/v1/initiatives/:id': p(ALL),
  'POST /api/v1/initiatives/:id/moderation': p(MODERATORS, { body: { decision: 'approve' } }),
  'PUT /api/v1/initiatives/:id/support': p(RESIDENTS),
  'PUT /api/v1/initiative-thresholds/:territoryId': p(ADMIN, { body: { threshold: 100 } }),
};
