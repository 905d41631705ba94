/**
 * The declared policy of every route for the authorisation matrix (test/integration/authz-matrix.test.ts):
 * which of the twelve roles each route lets through. Decided from each module's service, whose own
 * checks are the truth; public reads are ALL. A route missing here fails the matrix.
 */
export const roles = [
  'anonymous',
  'author',
  'otherResident',
  'opOrg',
  'opOther',
  'curatorIn',
  'curatorOut',
  'moderator',
  'analyst',
  'admin',
  'apiKey',
  'open311Key',
] as const;
export type Role = (typeof roles)[number];
export const sessionRoles: Role[] = roles.filter((r) => !['anonymous', 'apiKey', 'open311Key'].includes(r));

const ALL = [...roles];
const SIGNED_IN = sessionRoles;
/** Who may see the target (a private report of `author`, handled by city-light in the Central district). */
const VIEW: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'analyst', 'admin'];
const STAFF: Role[] = ['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'moderator', 'analyst', 'admin'];
const KEYS: Role[] = ['apiKey', 'open311Key'];
/** Roles that may read the author's name, e-mail and the report's exact place. */
export const PERSONAL: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'admin', 'apiKey'];

/** Knowledge-base editors: staff but the analyst (knowledge.service.ts `canEditArticles`). */
const EDITORS: Role[] = ['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'moderator', 'admin'];
/** Who runs polls and votes: admins, and curators within their territory (participation.policy.ts). */
const ORGANISERS: Role[] = ['admin', 'curatorIn', 'curatorOut'];
/** Who manages the target poll and vote (Central district audience): not the Nevsky curator. */
const MANAGERS: Role[] = ['admin', 'curatorIn'];
const RESIDENTS: Role[] = ['author', 'otherResident'];
/** Who opens, closes and sums up discussions (discussion.policy.ts `canManage`). */
const DISCUSSION_MANAGERS: Role[] = ['admin', 'moderator', 'curatorIn', 'curatorOut'];
/** Who moderates comments, statements and initiatives. */
const MODERATORS: Role[] = ['admin', 'moderator'];
/** Who reads the problem matrix and the spike alerts (spikes.service.ts `mayAnalyse`). */
const ANALYSTS: Role[] = ['analyst', 'curatorIn', 'curatorOut', 'admin'];
const ADMIN: Role[] = ['admin'];
/** Who manages staff accounts: admins, and curators (the operators of their territory). */
const STAFF_MANAGERS: Role[] = ['admin', 'curatorIn', 'curatorOut'];
/**
 * Who edits the target notice and object (notices.service.ts `canEditNotice`, objects.service.ts
 * `canEditObject`): admins, moderators, any curator, and the operator of its organisation.
 */
const NOTICE_EDITORS: Role[] = ['admin', 'moderator', 'curatorIn', 'curatorOut', 'opOrg'];

/**
 * `query` is appended to the URL (its `:territoryId` and `:categoryId` name the targets' district and
 * the target report's subject): a refused role must be refused, not told its query is invalid.
 */
export type Policy = { allow: Role[]; body?: object; query?: string; stream?: boolean };
const p = (allow: Role[], extra: Omit<Policy, 'allow'> = {}): Policy => ({ allow, ...extra });

export const uuid = '00000000-0000-4000-8000-000000000001';
const actionBody: Record<string, object> = {
  accept: {},
  reject: { reason: 'Не относится к компетенции' },
  'request-clarification': { question: 'Уточните адрес, пожалуйста' },
  clarify: { answer: 'Дом 5' },
  assign: { organisationId: uuid },
  start: {},
  'draft-answer': { text: 'Светильник заменён, освещение восстановлено.', result: 'solved' },
  'submit-answer': {},
  'publish-answer': {},
  'return-answer': { comment: 'Доработайте ответ' },
  rate: { score: 5, solved: true },
  dispute: { comment: 'Фонарь так и не горит' },
  reopen: {},
  close: { reason: 'Закрыто куратором' },
  recategorise: { categoryId: uuid },
  redirect: { organisationId: uuid, reason: 'Не наша зона ответственности' },
  'extend-deadline': { days: 5, reason: 'Нужна подрядная организация' },
  merge: { primaryId: uuid },
  unmerge: {},
};
const actionAllow: Record<string, Role[]> = {
  accept: ['moderator', 'admin'],
  reject: ['moderator', 'admin'],
  'request-clarification': ['moderator', 'admin', 'opOrg'],
  clarify: ['author'],
  rate: ['author'],
  dispute: ['author'],
  assign: ['admin', 'curatorIn'],
  close: ['admin', 'curatorIn'],
  start: ['admin', 'opOrg'],
  'draft-answer': ['admin', 'opOrg'],
  'submit-answer': ['admin', 'opOrg'],
  'extend-deadline': ['admin', 'opOrg'],
  'publish-answer': ['moderator', 'admin', 'curatorIn'],
  'return-answer': ['moderator', 'admin', 'curatorIn'],
  reopen: ['moderator', 'admin', 'curatorIn'],
  recategorise: ['moderator', 'admin', 'curatorIn', 'opOrg'],
  redirect: ['admin', 'curatorIn', 'opOrg'],
  merge: ['moderator', 'admin', 'curatorIn', 'opOrg'],
  unmerge: ['moderator', 'admin', 'curatorIn', 'opOrg'],
};

const window = { opensAt: '2027-01-10T09:00:00+03:00', closesAt: '2027-01-20T21:00:00+03:00' };
const article = {
  title: 'Как сообщить о фонаре',
  body: 'Сообщите о неисправном фонаре через форму обращения.',
};
const poll = {
  title: 'Опрос о сквере',
  ...window,
  questions: [{ kind: 'single', text: 'Нужен ли сквер?', options: [{ text: 'Да' }, { text: 'Нет' }] }],
};

/** Every route's policy, by `METHOD path` as registered. */
export const policies: Record<string, Policy> = {
  'GET /api/docs': p(ALL),
  'GET /api/docs/static/index.html': p(ALL),
  'GET /api/docs/static/swagger-initializer.js': p(ALL),
  'GET /api/docs/json': p(ALL),
  'GET /api/docs/yaml': p(ALL),
  'GET /api/docs/static/*': p(ALL),
  'GET /api/openapi.json': p(ALL),
  'GET /api/health': p(ALL),
  'GET /api/live': p(ALL),
  'GET /api/ready': p(ALL),
  // Without METRICS_TOKEN the metrics answer a connection from this machine whoever it is, and
  // injected requests come from 127.0.0.1: every role reads them here. A remote peer gets 404
  // (test/integration/operations.test.ts), which is the gate that matters, not the role.
  'GET /metrics': p(ALL),
  'POST /api/v1/users': p(ALL),
  'POST /api/v1/users/confirmations': p(ALL),
  'POST /api/v1/password-resets': p(ALL),
  'POST /api/v1/password-resets/complete': p(ALL),
  'POST /api/v1/session': p(ALL),
  'DELETE /api/v1/session': p(SIGNED_IN),
  'GET /api/v1/me': p(SIGNED_IN),
  // The right to be forgotten: residents erase their own account; staff accounts are not erased so.
  'POST /api/v1/me/erasure': p(RESIDENTS, { body: { confirm: true } }),
  'POST /api/v1/admin/users/:id/erasure': p(ADMIN, { body: { reference: 'Обращение № 12' } }),
  'GET /api/v1/categories': p(ALL),
  'GET /api/v1/territories': p(ALL),
  'GET /api/v1/organisations': p(ALL),
  'GET /api/v1/config': p(ALL),
  'POST /api/v1/media': p(SIGNED_IN),
  'GET /api/v1/media/:id': p(ALL),
  'GET /api/v1/media/:id/thumb': p(ALL),
  'POST /api/v1/reports': p(SIGNED_IN, {
    body: { categoryId: uuid, text: 'Не горит фонарь у дома', lat: 59.9, lon: 30.3 },
  }),
  'GET /api/v1/reports': p(ALL),
  'GET /api/v1/reports/:id': p(VIEW),
  'GET /api/v1/reports/:id/events': p(VIEW),
  ...Object.fromEntries(
    Object.keys(actionBody).map((a) => [
      `POST /api/v1/reports/:id/actions/${a}`,
      p(actionAllow[a]!, { body: actionBody[a]! }),
    ]),
  ),
  'POST /api/v1/suggestions/categories': p(ALL, { body: { text: 'Не горит фонарь у дома' } }),
  // The model's history and figures: admins, analysts and curators (classifier.service.ts).
  'GET /api/v1/admin/classifier': p(['admin', 'analyst', 'curatorIn', 'curatorOut']),
  'GET /api/v1/admin/classifier/routing-weeks': p(['admin', 'analyst', 'curatorIn', 'curatorOut']),
  'POST /api/v1/admin/classifier/retrain': p(['admin']),
  'GET /api/v1/auth/oidc': p(ALL),
  'GET /api/v1/auth/oidc/start': p(ALL),
  'GET /api/v1/auth/oidc/callback': p(ALL),
  'GET /api/v1/me/identities': p(SIGNED_IN),
  'GET /api/v1/answer-templates': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin']),
  'POST /api/v1/answer-templates': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin'], {
    body: { organisationId: uuid, title: 'Шаблон ответа', text: 'Текст шаблона ответа на обращение жителя' },
  }),
  'PATCH /api/v1/answer-templates/:id': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin'], {
    body: { title: 'Шаблон' },
  }),
  'DELETE /api/v1/answer-templates/:id': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin']),
  'GET /api/v1/reports/:id/answer-templates': p(['opOrg', 'admin']),
  'GET /api/v1/organisations/:id/quality': p(STAFF),
  'GET /api/v1/answer-quality/organisations': p(STAFF),
  'GET /api/v1/calendar': p(ALL),
  'GET /api/v1/calendar/:year': p(ALL),
  'PUT /api/v1/admin/calendar/days/:day': p(['admin'], { body: { isWorking: false } }),
  'DELETE /api/v1/admin/calendar/days/:day': p(['admin']),
  'GET /api/v1/deadlines/summary': p(STAFF),
  'GET /api/v1/reports/similar': p(ALL),
  'GET /api/v1/reports/:id/similar': p(VIEW),
  'POST /api/v1/reports/:id/support': p(['author']),
  'DELETE /api/v1/reports/:id/support': p(['author']),
  'GET /api/v1/notifications': p(SIGNED_IN),
  'GET /api/v1/notifications/unread-count': p(SIGNED_IN),
  'POST /api/v1/notifications/read': p(SIGNED_IN, { body: { ids: [1] } }),
  'POST /api/v1/notifications/read-all': p(SIGNED_IN),
  'GET /api/v1/me/notification-preferences': p(SIGNED_IN),
  'PATCH /api/v1/me/notification-preferences': p(SIGNED_IN, { body: { email: true } }),
  'GET /api/v1/notifications/live': p(SIGNED_IN, { stream: true }),
  'GET /api/v1/reports/:id/live': p(VIEW, { stream: true }),
  'GET /api/v1/api-clients': p(['admin']),
  'POST /api/v1/api-clients': p(['admin'], { body: { name: 'Клиент' } }),
  'POST /api/v1/api-clients/:id/revoke': p(['admin']),
  'GET /api/v1/inbound/reports': p(['apiKey']),
  'GET /api/v1/inbound/reports/:id': p(['apiKey']),
  'POST /api/v1/inbound/reports/:id/start': p(['apiKey']),
  'POST /api/v1/inbound/reports/:id/answer': p(['apiKey']),
  'GET /api/v1/admin/webhooks': p(['admin']),
  'POST /api/v1/admin/webhooks': p(['admin'], {
    body: { url: 'https://example.org/hook', events: ['report.created'] },
  }),
  'GET /api/v1/admin/webhooks/:id': p(['admin']),
  'PATCH /api/v1/admin/webhooks/:id': p(['admin'], { body: { enabled: false } }),
  'DELETE /api/v1/admin/webhooks/:id': p(['admin']),
  'POST /api/v1/admin/webhooks/:id/secret': p(['admin']),
  'GET /api/v1/admin/webhooks/:id/deliveries': p(['admin']),
  'GET /api/v1/admin/webhooks/:id/deliveries/:deliveryId': p(['admin']),
  'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/retry': p(['admin']),
  ...Object.fromEntries(
    ['json', 'xml'].flatMap((f) => [
      [`GET /open311/v2/discovery.${f}`, p(ALL)],
      [`GET /open311/v2/services.${f}`, p(ALL)],
      [`GET /open311/v2/requests.${f}`, p(ALL)],
      [`GET /open311/v2/servicerequestupdates.${f}`, p(ALL)],
      [`POST /open311/v2/requests.${f}`, p(KEYS)],
      [`POST /open311/v2/servicerequestupdates.${f}`, p(['apiKey'])],
    ]),
  ),
  'GET /open311/v2/services/:file': p(ALL),
  'GET /open311/v2/requests/:file': p(ALL),
  'GET /open311/v2/tokens/:file': p(ALL),
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
  'GET /api/v1/analytics/summary': p(ALL),
  'GET /api/v1/analytics/dashboard': p(ALL),
  'GET /api/v1/analytics/choropleth': p(ALL),
  'GET /api/v1/analytics/league': p(ALL),
  'GET /api/v1/analytics/matrix': p(ANALYSTS),
  'GET /api/v1/analytics/matrix/reports': p(ANALYSTS, {
    query: 'territoryId=:territoryId&categoryId=:categoryId',
  }),
  'GET /api/v1/analytics/alerts': p(ANALYSTS),
  // The aggregate tables are as public as the dashboards; the report list is staff only (export.service.ts).
  'GET /api/v1/analytics/export': p(STAFF, { query: 'table=reports' }),
  'GET /api/v1/map/clusters': p(ALL, { query: 'bbox=30,59.8,30.6,60.1&zoom=18' }),
  'GET /api/v1/map/heat': p(ALL, { query: 'bbox=30,59.8,30.6,60.1&zoom=18' }),
  'GET /api/v1/open-data/reports.geojson': p(ALL),
  'GET /api/v1/open-data/reports.csv': p(ALL),
  // Routing rules and categories are reference data: admins only (PRODUCT.md §2 H).
  'GET /api/v1/admin/routing-rules': p(ADMIN),
  'GET /api/v1/admin/routing-rules/test': p(ADMIN, { query: `lat=59.93&lon=30.33&categoryId=${uuid}` }),
  'POST /api/v1/admin/routing-rules': p(ADMIN, { body: { categoryId: uuid, organisationId: uuid } }),
  'GET /api/v1/admin/routing-rules/:id': p(ADMIN),
  'PATCH /api/v1/admin/routing-rules/:id': p(ADMIN, { body: { priority: 1 } }),
  'DELETE /api/v1/admin/routing-rules/:id': p(ADMIN),
  'GET /api/v1/admin/categories': p(ADMIN),
  'POST /api/v1/admin/categories': p(ADMIN, {
    body: { code: 'matrix-check', nameRu: 'Проверка', nameEn: 'Check' },
  }),
  'PATCH /api/v1/admin/categories/:id': p(ADMIN, { body: { sortOrder: 1 } }),
  'DELETE /api/v1/admin/categories/:id': p(ADMIN),
  // Territories, organisations and the region's settings: reference data too, admins only.
  'GET /api/v1/admin/territories': p(ADMIN),
  'GET /api/v1/admin/territories/:id': p(ADMIN),
  'POST /api/v1/admin/territories': p(ADMIN, {
    body: {
      kind: 'district',
      parentId: uuid,
      code: 'matrix-check',
      nameRu: 'Проверка',
      nameEn: 'Check',
      boundary: {},
    },
  }),
  'PATCH /api/v1/admin/territories/:id': p(ADMIN, { body: { nameEn: 'Check' } }),
  'DELETE /api/v1/admin/territories/:id': p(ADMIN),
  'GET /api/v1/admin/organisations': p(ADMIN),
  'POST /api/v1/admin/organisations': p(ADMIN, {
    body: { code: 'matrix-check', kind: 'authority', nameRu: 'Проверка', nameEn: 'Check' },
  }),
  'PATCH /api/v1/admin/organisations/:id': p(ADMIN, { body: { nameEn: 'Check' } }),
  'DELETE /api/v1/admin/organisations/:id': p(ADMIN),
  'GET /api/v1/admin/region-settings': p(ADMIN),
  'PATCH /api/v1/admin/region-settings': p(ADMIN, { body: { mapZoom: 11 } }),
  // Staff accounts (staff-scope.ts): admins, and curators for the operators of the organisations
  // inside their territory. The target account is city-light's operator: the city's curator reaches
  // it, the Nevsky curator does not (it is "not found" to them); the body's organisation (an unknown
  // id) is outside every curator's reach but the city's, which reaches all.
  'GET /api/v1/admin/staff': p(STAFF_MANAGERS),
  'GET /api/v1/admin/staff/options': p(STAFF_MANAGERS),
  'POST /api/v1/admin/staff/import': p(STAFF_MANAGERS, { body: { csv: 'email,name,role,organisation\n' } }),
  'GET /api/v1/admin/staff/:id': p(['admin', 'curatorIn']),
  'PATCH /api/v1/admin/staff/:id': p(['admin', 'curatorIn'], { body: {} }),
  'POST /api/v1/admin/staff/:id/suspend': p(['admin', 'curatorIn']),
  'POST /api/v1/admin/staff/:id/reactivate': p(['admin', 'curatorIn']),
  'GET /api/v1/admin/staff-invitations': p(STAFF_MANAGERS),
  'POST /api/v1/admin/staff-invitations': p(['admin', 'curatorIn'], {
    body: {
      email: 'matrix-invitee@example.org',
      name: 'Приглашённый',
      role: 'operator',
      organisationId: uuid,
    },
  }),
  'DELETE /api/v1/admin/staff-invitations/:id': p(['admin', 'curatorIn']),
  // The invitee's side: the link's token is the credential, whoever holds it.
  'GET /api/v1/staff-invitations/preview': p(ALL, { query: 'token=matrix-unknown-invitation-token' }),
  'POST /api/v1/staff-invitations/accept': p(ALL, {
    body: { token: 'matrix-unknown-invitation-token', password: 'correct horse battery' },
  }),
  // The staff workspace (docs/staff-workspace.md): saved views are their owner's (any staff member;
  // another person's view is "not found"); a bulk action answers staff with a result per report,
  // each report checked by the action command itself (a refusal there is a failed result, not a 403).
  'GET /api/v1/workspace/views': p(STAFF),
  'POST /api/v1/workspace/views': p(STAFF, { body: { name: 'Матрица', query: { sort: 'due' } } }),
  'PATCH /api/v1/workspace/views/:id': p(STAFF, { body: { name: 'Матрица 2' } }),
  'DELETE /api/v1/workspace/views/:id': p(STAFF),
  'POST /api/v1/reports/bulk-actions': p(STAFF, { body: { action: 'accept', reportIds: [uuid] } }),
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
