/** Staff accounts (invitations, roles and scope, suspension, CSV import): the public entry of the module. */
export { staffAdminRoutes } from './staff-admin.routes.ts';
export { invitationAcceptance } from './staff-invitations.service.ts';

import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { deleteSettledInvitations } from './staff-admin.repo.ts';

/** Housekeeping: invitations accepted, revoked or expired more than 30 days ago are deleted. */
export async function purgeStaffInvitations(exec: Executor, now: Date): Promise<void> {
  await deleteSettledInvitations(exec, new Date(now.getTime() - 30 * DAY_MS));
}
