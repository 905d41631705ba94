import type { ErrorCode } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import { openStatuses, type ReportStatus } from '../reports/report-states.ts';

type SupportFacts = { authorId: string; status: ReportStatus; kind: 'report' | 'appeal' };

/**
 * Why this actor may not support the report now, or null. Only residents support ("me too"), never
 * their own report, and only while it is open work. A second support is found by the insert itself.
 */
export function supportRefusal(r: SupportFacts, actor: Actor): ErrorCode | null {
  if (r.authorId === actor.id) return 'own_report_support';
  if (actor.role !== 'resident') return 'forbidden';
  if (r.kind !== 'report' || !openStatuses.includes(r.status)) return 'support_closed';
  return null;
}

/** Withdrawing is possible while the report is open (its supporters are counted until then). */
export function withdrawRefusal(r: SupportFacts, actor: Actor): ErrorCode | null {
  if (actor.role !== 'resident') return 'forbidden';
  if (!openStatuses.includes(r.status)) return 'support_closed';
  return null;
}

export function canSupport(r: SupportFacts, actor: Actor | null, alreadySupports: boolean): boolean {
  return actor !== null && !alreadySupports && supportRefusal(r, actor) === null;
}
