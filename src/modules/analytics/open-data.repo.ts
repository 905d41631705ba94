import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/** The open-data grid a point at a private address is moved to: 0.01° of latitude × 0.02° of longitude. */
export const COARSE_LAT = 0.01;
export const COARSE_LON = 0.02;

/**
 * A report is "at a private address" when it concerns housing (the `housing` topic: flats, stairwells,
 * courtyards of apartment buildings) or its address names a flat; its point is then coarsened.
 */
const privateAddress = sql`(topic.code = 'housing' OR coalesce(r.address, '') ~* '(кв\\.|квартир|\\mapt\\M|\\mflat\\M)')`;

export type OpenDataRow = {
  number: number;
  createdDate: string;
  categoryCode: string;
  categoryRu: string;
  categoryEn: string;
  topicCode: string | null;
  districtCode: string | null;
  districtRu: string | null;
  status: string;
  organisationCode: string | null;
  organisationRu: string | null;
  answeredDate: string | null;
  answerWorkingDays: number | null;
  answeredOnTime: boolean | null;
  solved: boolean | null;
  rating: number | null;
  disputed: boolean | null;
  supporters: number | null;
  lon: number;
  lat: number;
  coarsened: boolean;
};

/**
 * One page of open data after public number `after`: public reports only (as the public site shows
 * them), filed before `before`, with no text, address, author or photo — only what is listed here.
 */
export async function openDataPage(
  exec: Executor,
  after: number,
  before: Date,
  limit: number,
): Promise<OpenDataRow[]> {
  const rows = await queryRows<OpenDataRow & { number: string | number }>(
    exec,
    sql`SELECT r.number, to_char((r.created_at AT TIME ZONE 'UTC') + interval '3 hours', 'YYYY-MM-DD') AS "createdDate",
               c.code AS "categoryCode", c.name_ru AS "categoryRu", c.name_en AS "categoryEn", topic.code AS "topicCode",
               t.code AS "districtCode", t.name_ru AS "districtRu", r.status,
               o.code AS "organisationCode", o.name_ru AS "organisationRu",
               to_char((r.answered_at AT TIME ZONE 'UTC') + interval '3 hours', 'YYYY-MM-DD') AS "answeredDate",
               f.answer_working_days AS "answerWorkingDays", f.on_time AS "answeredOnTime", f.solved,
               f.rating, f.disputed, f.supporters,
               CASE WHEN ${privateAddress}
                 THEN round((floor(ST_X(r.location) / ${COARSE_LON}) * ${COARSE_LON} + ${COARSE_LON / 2})::numeric, 4)::float8
                 ELSE round(ST_X(r.location)::numeric, 6)::float8 END AS lon,
               CASE WHEN ${privateAddress}
                 THEN round((floor(ST_Y(r.location) / ${COARSE_LAT}) * ${COARSE_LAT} + ${COARSE_LAT / 2})::numeric, 4)::float8
                 ELSE round(ST_Y(r.location)::numeric, 6)::float8 END AS lat,
               ${privateAddress} AS coarsened
        FROM reports r
        JOIN categories c ON c.id = r.category_id
        LEFT JOIN categories topic ON topic.id = c.parent_id
        LEFT JOIN territories t ON t.id = r.territory_id
        LEFT JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN analytics_report_facts f ON f.report_id = r.id
        WHERE r.number > ${after} AND r.created_at < ${before}
          AND r.is_public AND r.kind = 'report' AND r.status NOT IN ('submitted', 'clarification_requested', 'rejected')
        ORDER BY r.number LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, number: Number(r.number), lon: Number(r.lon), lat: Number(r.lat) }));
}
