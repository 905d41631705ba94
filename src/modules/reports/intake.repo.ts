import { sql } from 'drizzle-orm';
import { type Executor, queryRowsBuiltOnce } from '../../db/connection.ts';
import { reportIntakeColumns, reports } from '../../db/schema/reports.ts';
import {
  type InputColumn,
  inputRefs,
  insertSelect,
  tableInputColumns,
  unnestPlaceholders,
  unnestValues,
} from '../../db/unnest.ts';
import { callCitusIntake, citusIntakeFunction } from './intake-citus.repo.ts';
import { decodeReportRow, type NewReport, type ReportRow, reportColumnFields } from './reports.repo.ts';

export type IntakeInput = Pick<NewReport, (typeof reportIntakeColumns)[number]> & {
  /** Chosen by the caller, so each result row can be matched to its request. */
  id: string;
  kind: 'report' | 'appeal';
  isPublic: boolean;
  lat: number;
  lon: number;
  authorRole: string;
  now: Date;
};

export type IntakeOutcome = {
  /** False when nothing was inserted: see the diagnostics, or an idempotency key already used. */
  inserted: boolean;
  categoryFound: boolean;
  categorySelectable: boolean;
  /** The district of the point (containing, or the nearest within tolerance), also when not inserted. */
  territoryId: string | null;
  /** The filed report as stored (RETURNING), with the names it is shown with; null when not inserted. */
  report: ReportRow | null;
  /** Active notices the report was linked to at filing (see docs/notices.md). */
  notices: ReportNoticeLink[];
};

export type ReportNoticeLink = { id: string; title: string; endsAt: string };

export type OutcomeRow = {
  inputId: string;
  inserted: boolean;
  categoryFound: boolean;
  categorySelectable: boolean;
  districtId: string | null;
} & Record<string, unknown>;

/**
 * Files a batch of reports in ONE statement: for each, the category check, the district lookup
 * (containing district, or the nearest within tolerance), the routing rules that apply, the report
 * row, its first timeline event and its audit row. One statement is atomic without BEGIN/COMMIT and
 * costs one round trip and one commit for the whole batch (docs/decisions/0002, docs/performance.md:
 * ~5,000 single reports/s vs ~15,000–19,000 in batches of 8–16). Every request gets its own result
 * row: when its report was not inserted, the row says why (unknown or non-selectable category, point
 * outside the region, or an idempotency key already used), and the other reports are unaffected;
 * when it was, the row is the report as stored (RETURNING), so the caller presents it without
 * assembling it or reading it back.
 */
export async function insertSubmittedReports(
  exec: Executor,
  inputs: IntakeInput[],
  toleranceMeters: number,
): Promise<Map<string, IntakeOutcome>> {
  const columns = intakeInputColumns(inputs);
  const degrees = toleranceMeters / 50_000;
  const citusIntake = await citusIntakeFunction(exec, columns);
  if (citusIntake)
    return outcomes(await callCitusIntake(exec, citusIntake, columns, degrees, toleranceMeters));
  const rows = await queryRowsBuiltOnce<OutcomeRow>(
    exec,
    'vmeste_report_intake',
    () => intakeStatement(columns),
    {
      ...unnestValues(columns, 'in_'),
      degrees,
      toleranceMeters,
    },
  );
  return outcomes(rows);
}

/**
 * The intake statement, built once per process (its text depends on the input columns' names and
 * types only; the values, the tolerance in degrees and in metres are placeholders): building it per
 * batch was about 5 % of a busy server's CPU.
 */
function intakeStatement(columns: InputColumn[]) {
  const input = unnestPlaceholders('i', columns, 'in_', { planOnce: true });
  const degrees = sql.placeholder('degrees');
  const toleranceMeters = sql.placeholder('toleranceMeters');
  const insert = insertSelect(reports, {
    ...inputRefs(reports, 'i', reportIntakeColumns),
    status: sql`'submitted'`,
    location: sql`pt.g`,
    territoryId: sql`dist.territory_id`,
    routing: sql`jsonb_build_object('proposedRules', rules.list)`,
    createdAt: sql`i.at`,
    updatedAt: sql`i.at`,
  });
  return sql`WITH input AS (SELECT * FROM ${input}),
      pt AS (SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g FROM input),
      cat AS (SELECT i.id, c.id AS category_id, c.code, c.name_ru, c.name_en, c.parent_id
              FROM input i JOIN categories c ON c.id = i.category_id AND c.is_active),
      dist AS (
        SELECT pt.id, d.territory_id, d.parent_id, d.name_ru, d.name_en FROM pt CROSS JOIN LATERAL (
          (SELECT t.id AS territory_id, t.parent_id, t.name_ru, t.name_en FROM territories t
            WHERE t.kind = 'district' AND t.is_active AND ST_Intersects(t.geom, pt.g) LIMIT 1)
          UNION ALL
          (SELECT n.id, n.parent_id, n.name_ru, n.name_en FROM (
              SELECT t.id, t.parent_id, t.name_ru, t.name_en, ST_Distance(t.geom::geography, pt.g::geography) AS meters
              FROM territories t
              WHERE t.kind = 'district' AND t.is_active AND ST_DWithin(t.geom, pt.g, ${degrees}::float8)
              ORDER BY t.geom <-> pt.g LIMIT 1) n
            WHERE n.meters <= ${toleranceMeters}::float8)
          LIMIT 1) d),
      rules AS (
        SELECT cat.id,
               coalesce(jsonb_agg(jsonb_build_object('ruleId', r.id, 'organisationId', r.organisation_id,
                 'territoryId', r.territory_id) ORDER BY r.territory_id NULLS LAST) FILTER (WHERE r.id IS NOT NULL),
                 '[]'::jsonb) AS list
        FROM cat JOIN dist USING (id)
        LEFT JOIN routing_rules r ON r.category_id = cat.category_id
          AND (r.territory_id = dist.territory_id OR r.territory_id IS NULL)
        GROUP BY cat.id),
      ins AS (
        INSERT INTO reports (${insert.columns})
        SELECT ${insert.values}
        FROM input i JOIN cat USING (id) JOIN dist USING (id) JOIN pt USING (id) JOIN rules USING (id)
        WHERE cat.parent_id IS NOT NULL
        ON CONFLICT (author_id, idempotency_key) DO NOTHING
        RETURNING *),
      ev AS (
        INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_role, is_public, payload, created_at)
        SELECT ins.id, 'submitted', NULL, 'submitted', i.author_id, i.author_role, TRUE, '{}'::jsonb, i.at
        FROM ins JOIN input i USING (id)),
      au AS (
        INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, details, created_at)
        SELECT i.author_id, i.author_role, 'report.submit', 'report', ins.id::text, '{}'::jsonb, i.at
        FROM ins JOIN input i USING (id)),
      -- Active notices that explain the report (its point in their area, its time in their window, its
      -- category among theirs): linked at once, in this statement (docs/notices.md). One probe of the
      -- area's GiST index per point of the batch (a few pages each), the window and category tested on
      -- the one or two notices it finds; and no probe at all when no notice is in force at the
      -- batch's times (a one-time filter on the window index), which is what most batches meet.
      nt AS (
        SELECT ins.id, n.id AS notice_id, n.title, n.ends_at
        FROM input i JOIN pt USING (id)
        JOIN notices n ON ST_Intersects(n.match_area, pt.g) AND n.starts_at <= i.at AND n.ends_at > i.at
          AND i.category_id = ANY(n.category_ids)
        JOIN ins ON ins.id = i.id
        WHERE EXISTS (SELECT 1 FROM notices x
                      WHERE x.ends_at > (SELECT min(at) FROM input) AND x.starts_at <= (SELECT max(at) FROM input))),
      nl AS (
        INSERT INTO report_notices (report_id, notice_id, created_at)
        SELECT nt.id, nt.notice_id, i.at FROM nt JOIN input i USING (id)),
      links AS (
        SELECT nt.id, jsonb_agg(jsonb_build_object('id', nt.notice_id, 'title', nt.title, 'endsAt', nt.ends_at)
                                ORDER BY nt.ends_at, nt.notice_id) AS list
        FROM nt GROUP BY nt.id)
    SELECT i.id AS "inputId", r.id IS NOT NULL AS inserted,
           cat.id IS NOT NULL AS "categoryFound", coalesce(cat.parent_id IS NOT NULL, FALSE) AS "categorySelectable",
           dist.territory_id AS "districtId", ${reportColumnFields},
           cat.code AS "categoryCode", cat.name_ru AS "categoryNameRu", cat.name_en AS "categoryNameEn",
           dist.parent_id AS "territoryParentId", dist.name_ru AS "territoryNameRu", dist.name_en AS "territoryNameEn",
           -- a new report has no organisation yet, and its photos are linked after this statement
           NULL AS "organisationNameRu", NULL AS "organisationNameEn", NULL AS "thumbMediaId",
           links.list AS "noticeLinks"
    FROM input i LEFT JOIN cat USING (id) LEFT JOIN dist USING (id) LEFT JOIN ins r ON r.id = i.id
      LEFT JOIN links ON links.id = i.id`;
}

/** The intake's input columns: the report's own, then what only the lookup, event and audit need. */
export function intakeInputColumns(inputs: IntakeInput[]): InputColumn[] {
  return [
    ...tableInputColumns(reports, reportIntakeColumns, inputs),
    { name: 'lat', type: 'float8', values: inputs.map((i) => i.lat) },
    { name: 'lon', type: 'float8', values: inputs.map((i) => i.lon) },
    { name: 'author_role', type: 'text', values: inputs.map((i) => i.authorRole) },
    { name: 'at', type: 'timestamptz', values: inputs.map((i) => i.now.toISOString()) },
  ];
}

function outcomes(rows: OutcomeRow[]): Map<string, IntakeOutcome> {
  return new Map(
    rows.map(
      ({ inputId, inserted, categoryFound, categorySelectable, districtId, noticeLinks, ...report }) => [
        inputId,
        {
          inserted,
          categoryFound,
          categorySelectable,
          territoryId: districtId,
          report: inserted ? decodeReportRow(report) : null,
          notices: decodeNoticeLinks(noticeLinks),
        },
      ],
    ),
  );
}

/** The statement's JSON list of linked notices (timestamps as PostgreSQL writes them) in API form. */
function decodeNoticeLinks(value: unknown): ReportNoticeLink[] {
  const links = (typeof value === 'string' ? JSON.parse(value) : value) as
    | { id: string; title: string; endsAt: string }[]
    | null;
  return (links ?? []).map((n) => ({ id: n.id, title: n.title, endsAt: new Date(n.endsAt).toISOString() }));
}
