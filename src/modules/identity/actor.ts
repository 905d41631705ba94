import type { UserRole } from '../../db/schema/identity.ts';

/** The signed-in person a service acts for; `null` is an anonymous visitor. */
export type Actor = {
  id: string;
  role: UserRole;
  organisationId: string | null;
  territoryId: string | null;
};

export const staffRoles: readonly UserRole[] = ['moderator', 'operator', 'curator', 'analyst', 'admin'];

export function isStaff(actor: Actor | null): actor is Actor {
  return actor !== null && staffRoles.includes(actor.role);
}
