/** Staff accounts (invitations, roles and scope, suspension, CSV import): the public entry of the module. */
export { staffAdminRoutes } from './staff-admin.routes.ts';
