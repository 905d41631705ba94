import type { Clock } from '../../lib/clock.ts';
import type { InvitationRow, NamedRow, StaffRow } from './staff-admin.repo.ts';
import type { StaffAccount, StaffInvitation } from './staff-admin.schemas.ts';
import { canManage, type Manager, type Reference } from './staff-scope.ts';

const named = (r: NamedRow | undefined) =>
  r ? { id: r.id, code: r.code, name: { ru: r.nameRu, en: r.nameEn } } : null;

export function presentStaff(row: StaffRow, m: Manager, ref: Reference): StaffAccount {
  const manageable = canManage(m, row);
  const self = row.id === m.actor.id;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: row.organisationId ? named(ref.organisations.get(row.organisationId)) : null,
    territory: row.territoryId ? named(ref.territories.get(row.territoryId)) : null,
    suspended: row.suspendedAt !== null,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    allowed: {
      changeRole: manageable && m.kind === 'admin',
      changeScope: manageable && (row.role === 'operator' || row.role === 'curator'),
      suspend: manageable && !self && row.suspendedAt === null,
      reactivate: manageable && row.suspendedAt !== null,
    },
  };
}

export function invitationStatus(row: InvitationRow, clock: Clock): StaffInvitation['status'] {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= clock.now().getTime() ? 'expired' : 'pending';
}

export function presentInvitation(row: InvitationRow, ref: Reference, clock: Clock): StaffInvitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: row.organisationId ? named(ref.organisations.get(row.organisationId)) : null,
    territory: row.territoryId ? named(ref.territories.get(row.territoryId)) : null,
    status: invitationStatus(row, clock),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
