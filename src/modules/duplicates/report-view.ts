import type { Executor } from '../../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ReportRow } from '../reports/index.ts';
import { type SupportFactColumns, supportFactFields, supportFacts } from './duplicates.repo.ts';
import type { DuplicateFields } from './duplicates.schemas.ts';
import { canSupport } from './support.policy.ts';

/** For the report page's single statement (reports' report-view.repo): the support facts' fields. */
export { supportFactFields };

/** A report just filed: nobody supports it yet and it is merged into nothing. */
export const freshDuplicateFields: DuplicateFields = {
  supportCount: 0,
  supportedByMe: false,
  canSupport: false,
  mergedInto: null,
};

/** Support count, the caller's own support, and where a merged report went (one query). */
export async function duplicateFields(
  exec: Executor,
  row: ReportRow,
  actor: Actor | null,
): Promise<DuplicateFields> {
  const f = await supportFacts(exec, row.id, actor?.id ?? null);
  return {
    supportCount: f.count,
    supportedByMe: f.mine,
    canSupport: canSupport(row, actor, f.mine),
    mergedInto:
      f.mergedIntoId && f.mergedIntoNumber !== null
        ? { id: f.mergedIntoId, number: f.mergedIntoNumber }
        : null,
  };
}

/** The same fields from the columns supportFactFields added to a larger statement (no query). */
export function duplicateFieldsOf(
  row: ReportRow,
  actor: Actor | null,
  f: SupportFactColumns,
): DuplicateFields {
  const mine = Boolean(f.supportedByMe);
  return {
    supportCount: Number(f.supportCount ?? 0),
    supportedByMe: mine,
    canSupport: canSupport(row, actor, mine),
    mergedInto:
      row.mergedIntoId && f.mergedIntoNumber !== null
        ? { id: row.mergedIntoId, number: Number(f.mergedIntoNumber) }
        : null,
  };
}
