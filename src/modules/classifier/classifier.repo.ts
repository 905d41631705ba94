import { desc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { classifierModels, trainingLabels } from '../../db/schema/classifier.ts';
import type { LabelledReport } from './learning.ts';

export type ModelRow = typeof classifierModels.$inferSelect;

/**
 * Reports as training examples in the classifier's vocabulary: category = topic code, reason =
 * subject code, executor_org = organisation code, district = district name. A staff correction
 * (training_labels) overrides what the report itself says. Reports no one has vetted yet
 * (submitted, rejected, in clarification) teach nothing.
 */
export async function trainingExamples(exec: Executor): Promise<LabelledReport[]> {
  const rows = await queryRows<{
    text: string;
    district: string | null;
    category: string | null;
    reason: string;
    executor_org: string | null;
    dt: Date | string;
    corrected_at: Date | string | null;
  }>(
    exec,
    sql`SELECT r.text, t.name_ru AS district, topic.code AS category,
          coalesce(cat_label.value, c.code) AS reason,
          coalesce(org_label.value, o.code) AS executor_org, r.created_at AS dt,
          greatest(org_label.created_at, cat_label.created_at) AS corrected_at
        FROM reports r
        JOIN categories c ON c.id = r.category_id
        LEFT JOIN categories topic ON topic.id = c.parent_id
        LEFT JOIN territories t ON t.id = r.territory_id
        LEFT JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN LATERAL (SELECT value, created_at FROM training_labels l WHERE l.report_id = r.id AND l.label = 'executor_org'
                           ORDER BY l.id DESC LIMIT 1) org_label ON TRUE
        LEFT JOIN LATERAL (SELECT value, created_at FROM training_labels l WHERE l.report_id = r.id AND l.label = 'category'
                           ORDER BY l.id DESC LIMIT 1) cat_label ON TRUE
        WHERE r.status NOT IN ('submitted', 'clarification_requested', 'rejected')
        ORDER BY r.created_at`,
  );
  return rows.map((r) => ({
    text: r.text,
    district: r.district,
    category: r.category,
    reason: r.reason,
    executor_org: r.executor_org,
    dt: new Date(r.dt).toISOString(),
    corrected: r.corrected_at !== null,
    ...(r.corrected_at !== null ? { correctedAt: new Date(r.corrected_at).toISOString() } : {}),
  }));
}

export async function insertTrainingLabel(
  exec: Executor,
  label: {
    reportId: string;
    label: 'category' | 'executor_org';
    value: string;
    source: string;
    actorId: string;
    at: Date;
  },
): Promise<void> {
  await exec.insert(trainingLabels).values({
    reportId: label.reportId,
    label: label.label,
    value: label.value,
    source: label.source,
    actorId: label.actorId,
    createdAt: label.at,
  });
}

export async function activeModel(exec: Executor): Promise<ModelRow | undefined> {
  const rows = await exec
    .select()
    .from(classifierModels)
    .where(eq(classifierModels.status, 'active'))
    .orderBy(desc(classifierModels.createdAt))
    .limit(1);
  return rows[0];
}

export async function listModels(exec: Executor, limit = 20): Promise<ModelRow[]> {
  return exec.select().from(classifierModels).orderBy(desc(classifierModels.createdAt)).limit(limit);
}

/** Records a trained model; an accepted one becomes the only active model. */
export async function recordModel(
  exec: Executor,
  row: typeof classifierModels.$inferInsert,
): Promise<ModelRow> {
  if (row.status === 'active')
    await exec
      .update(classifierModels)
      .set({ status: 'retired' })
      .where(eq(classifierModels.status, 'active'));
  const rows = await exec.insert(classifierModels).values(row).returning();
  return rows[0]!;
}

export async function countTrainingLabels(exec: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(exec, sql`SELECT count(*)::int AS n FROM ${trainingLabels}`);
  return Number(rows[0]?.n ?? 0);
}

export type RoutingWeekRow = {
  week: string;
  rule: number;
  classifier: number;
  curator: number;
  ruleRedirected: number;
  classifierRedirected: number;
};

/**
 * Per week (Monday, Moscow time) since `since`: reports sent on automatically, by a rule or by the
 * classifier (the `routed` event), and by a curator (`assigned`); and how many of the automatic ones
 * were later sent elsewhere (a `redirected` or `redirect_requested` event after it).
 */
export async function routingWeeks(exec: Executor, since: Date): Promise<RoutingWeekRow[]> {
  const rows = await queryRows<{
    week: string;
    rule: number;
    classifier: number;
    curator: number;
    rule_redirected: number;
    classifier_redirected: number;
  }>(
    exec,
    sql`WITH routed AS (
          SELECT e.id, e.report_id, e.payload->>'method' AS method,
                 date_trunc('week', e.created_at AT TIME ZONE 'Europe/Moscow') AS week
          FROM report_events e WHERE e.type = 'routed' AND e.created_at >= ${since}
        ), automatic AS (
          SELECT r.week,
                 count(*) FILTER (WHERE r.method = 'rule')::int AS rule,
                 count(*) FILTER (WHERE r.method = 'classifier')::int AS classifier,
                 count(*) FILTER (WHERE r.method = 'rule' AND x.redirected)::int AS rule_redirected,
                 count(*) FILTER (WHERE r.method = 'classifier' AND x.redirected)::int AS classifier_redirected
          FROM routed r
          CROSS JOIN LATERAL (
            SELECT EXISTS (SELECT 1 FROM report_events l
                           WHERE l.report_id = r.report_id AND l.id > r.id
                             AND l.type IN ('redirected', 'redirect_requested')) AS redirected
          ) x
          GROUP BY r.week
        ), curated AS (
          SELECT date_trunc('week', e.created_at AT TIME ZONE 'Europe/Moscow') AS week, count(*)::int AS curator
          FROM report_events e WHERE e.type = 'assigned' AND e.created_at >= ${since}
          GROUP BY 1
        )
        SELECT to_char(week, 'YYYY-MM-DD') AS week,
               coalesce(a.rule, 0) AS rule, coalesce(a.classifier, 0) AS classifier,
               coalesce(c.curator, 0) AS curator,
               coalesce(a.rule_redirected, 0) AS rule_redirected,
               coalesce(a.classifier_redirected, 0) AS classifier_redirected
        FROM automatic a FULL JOIN curated c USING (week)
        ORDER BY week DESC`,
  );
  return rows.map((r) => ({
    week: r.week,
    rule: Number(r.rule),
    classifier: Number(r.classifier),
    curator: Number(r.curator),
    ruleRedirected: Number(r.rule_redirected),
    classifierRedirected: Number(r.classifier_redirected),
  }));
}
