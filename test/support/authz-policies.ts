/**
 * The declared policy of every route for the authorisation matrix (test/integration/authz-matrix.test.ts):
 * which of the twelve roles each route lets through. Decided from each module's service, whose own
 * checks are the truth; public reads are ALL. A route missing here fails the matrix.
 *
 * The policies are kept by subject in authz-policies-*.ts (the roles and their groups in
 * authz-roles.ts); the platform's own routes (docs, health, identity, media) are here.
 */
import { adminPolicies } from './authz-policies-admin.ts';
import { cityPolicies } from './authz-policies-city.ts';
import { participationPolicies } from './authz-policies-participation.ts';
import { reportPolicies } from './authz-policies-reports.ts';
import { ADMIN, ALL, type Policy, p, RESIDENTS, SIGNED_IN } from './authz-roles.ts';

export { PERSONAL, type Policy, type Role, roles, sessionRoles, uuid } from './authz-roles.ts';

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
  'PATCH /api/v1/me': p(SIGNED_IN, { body: { name: 'Новое Имя' } }),
  // A wrong current password: let through, the answer is 400 current_password_wrong (no password changes).
  'POST /api/v1/me/password': p(SIGNED_IN, {
    body: { currentPassword: 'not the password', newPassword: 'a brand new password' },
  }),
  // As above: a wrong password, so no address changes.
  'POST /api/v1/me/email': p(SIGNED_IN, {
    body: { currentPassword: 'not the password', newEmail: 'someone-new@example.org' },
  }),
  'GET /api/v1/me/email': p(SIGNED_IN),
  'DELETE /api/v1/me/email': p(SIGNED_IN),
  'POST /api/v1/email-changes/complete': p(ALL, { body: { token: 'not-a-real-token-at-all' } }),
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
  'GET /api/v1/auth/oidc': p(ALL),
  'GET /api/v1/auth/oidc/start': p(ALL),
  'GET /api/v1/auth/oidc/callback': p(ALL),
  'GET /api/v1/me/identities': p(SIGNED_IN),
  'POST /api/v1/me/identities/oidc': p(RESIDENTS),
  ...reportPolicies,
  ...participationPolicies,
  ...cityPolicies,
  ...adminPolicies,
};
