import { ADMIN, ALL, ANALYSTS, type Policy, p, STAFF, STAFF_MANAGERS, uuid } from './authz-roles.ts';

/**
 * Route policies of analytics, the map and open data, and the region's administration: routing
 * rules, categories, territories, organisations, settings, staff accounts and invitations.
 */
export const adminPolicies: Record<string, Policy> = {
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
};
