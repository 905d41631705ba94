import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { FactFilters } from './summary.repo.ts';

export type ReportExportRow = {
  number: number;
  createdDay: string;
  category: string;
  district: string | null;
  organisation: string | null;
  status: string;
  answerWorkingDays: number | null;
  onTime: boolean | null;
  rating: number | null;
  disputed: boolean;
  redirected: boolean;
  supporters: number;
};

/** One page of the report list export (staff), keyset on the public number: no text, no author. */
export async function reportExportPage(
  exec: Executor,
  period: { from: string; to: string },
  f: FactFilters,
  after: number,
  limit: number,
): Promise<ReportExportRow[]> {
  const where = [
    sql`r.number > ${after}`,
    sql`fa.created_day BETWEEN ${period.from}::date AND ${period.to}::date`,
  ];
  if (f.territoryId)
    where.push(
      sql`fa.territory_id IN (SELECT id FROM territories WHERE id = ${f.territoryId} OR parent_id = ${f.territoryId})`,
    );
  if (f.categoryId) where.push(sql`(fa.category_id = ${f.categoryId} OR fa.topic_id = ${f.categoryId})`);
  if (f.organisationId) where.push(sql`fa.organisation_id = ${f.organisationId}`);
  const rows = await queryRows<ReportExportRow & { number: string | number }>(
    exec,
    sql`SELECT r.number, to_char(fa.created_day, 'YYYY-MM-DD') AS "createdDay", c.code AS category,
               t.code AS district, o.code AS organisation, fa.status, fa.answer_working_days AS "answerWorkingDays",
               fa.on_time AS "onTime", fa.rating, fa.disputed, fa.redirected, fa.supporters
        FROM analytics_report_facts fa
        JOIN reports r ON r.id = fa.report_id
        JOIN categories c ON c.id = fa.category_id
        LEFT JOIN territories t ON t.id = fa.territory_id
        LEFT JOIN organisations o ON o.id = fa.organisation_id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY r.number LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, number: Number(r.number) }));
}
