import type { Me } from '@shared/identity/identity.schemas.ts';
import type { ReportQueue } from '../reports/api/get-reports';

type Role = Me['role'];

export function isStaff(role: Role): boolean {
  return role !== 'resident';
}

/** The work lists each role has; the server still decides what each list holds. */
const queuesByRole: Record<Role, ReportQueue[]> = {
  resident: [],
  moderator: ['moderation', 'review'],
  operator: ['organisation'],
  curator: ['curator', 'review'],
  analyst: [],
  admin: ['moderation', 'curator', 'review'],
};

export function queuesFor(role: Role): ReportQueue[] {
  return queuesByRole[role];
}
