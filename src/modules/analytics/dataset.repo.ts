import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * A generated data set for the figures' tests and the benchmarks (docs/performance.md): `count`
 * reports spread over [from, to) across the region's districts and subjects, taken through the
 * status machine's outcomes with answers, ratings, disputes, clarification pauses, redirects,
 * supporters and auto-closings — written set-wise (generate_series), so a million rows take a minute,
 * not a million round trips. Deterministic for a seed. Marked by `idempotency_key = 'gen:<seed>:<i>'`.
 */
export type DatasetOptions = {
  count: number;
  from: Date;
  to: Date;
  now: Date;
  seed: number;
  /**
   * The lists' benchmark (bench/lists.ts) needs what a live region has beyond the figures: many
   * residents, a few of whom file thousands of reports; varied Russian texts to search; the work
   * queues filled (moderation, the curator's, answer review); private reports and 59-ФЗ appeals.
   * Without it one resident files every report with one text, as the figures' tests expect.
   */
  variety?: { authors: number; passwordHash: string };
};

/** Words of the generated texts: a problem, a place and a detail, so a search finds some, not all. */
const PROBLEMS = [
  'Яма на дороге',
  'Не горит фонарь',
  'Переполнены мусорные контейнеры',
  'Сломана скамейка',
  'Не убран снег',
  'Течёт крыша',
  'Разбит тротуар',
  'Не работает светофор',
  'Сломаны качели на детской площадке',
  'Несанкционированная свалка',
  'Открыт канализационный люк',
  'Нет горячей воды',
  'Аварийное дерево',
  'Граффити на фасаде',
  'Брошенный автомобиль',
  'Наледь на крыльце',
];
const PLACES = [
  'у дома',
  'во дворе',
  'возле школы',
  'на остановке',
  'у входа в поликлинику',
  'в парке',
  'на перекрёстке',
  'рядом с магазином',
  'у подъезда',
  'на набережной',
];
const DETAILS = [
  'уже третью неделю',
  'жители жалуются',
  'опасно для детей',
  'просим срочно принять меры',
  'после ремонта стало хуже',
  'машины объезжают по тротуару',
  'пожилым людям трудно пройти',
  'обращались ранее, ответа нет',
];
const textArray = (xs: string[]) =>
  sql.raw(`(ARRAY[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}])`);

export async function generateDataset(exec: Executor, o: DatasetOptions): Promise<number> {
  const seed = (((o.seed % 1000) + 1000) % 1000) / 1000;
  const span = (o.to.getTime() - o.from.getTime()) / 1000;
  const prefix = `gen:${o.seed}:`;
  if (o.variety)
    await exec.execute(
      sql`INSERT INTO users (id, email, password_hash, name, role)
          SELECT md5('gen-author-' || i)::uuid, 'gen-author-' || i || '@example.org', ${o.variety.passwordHash}, 'Житель ' || i, 'resident'
          FROM generate_series(1, ${o.variety.authors}) i
          ON CONFLICT (email) DO NOTHING`,
    );
  // With variety the text is a problem, a place and a detail; a resident drawn with a skew (the
  // first few file thousands of reports each, most file a handful).
  const text = o.variety
    ? sql`${textArray(PROBLEMS)}[1 + floor(s.r2 * ${PROBLEMS.length})::int] || ' ' || ${textArray(PLACES)}[1 + floor(s.r4 * ${PLACES.length})::int] || ', ' || ${textArray(DETAILS)}[1 + floor(s.r9 * ${DETAILS.length})::int]`
    : sql`'Сгенерированное сообщение для проверки цифр'`;
  // Residents' ids follow from their number (md5 of the name), so the skewed pick needs no join.
  const authorId = o.variety
    ? sql`md5('gen-author-' || (1 + floor(power(s.r10, 2) * ${o.variety.authors}))::int)::uuid`
    : sql`(SELECT id FROM author)`;
  await exec.execute(sql`SELECT setseed(${seed})`);
  // Candidate points inside each district (ST_GeneratePoints with a seed is deterministic).
  await exec.execute(sql`DROP TABLE IF EXISTS pg_temp.gen_points`);
  await exec.execute(
    sql`CREATE TEMP TABLE gen_points AS
        SELECT d.k AS tk, p.path[1] AS pk, p.geom
        FROM (SELECT id, geom, row_number() OVER (ORDER BY code) - 1 AS k FROM territories WHERE kind = 'district') d,
             LATERAL ST_Dump(ST_GeneratePoints(d.geom, 200, ${o.seed + 1})) p`,
  );
  await exec.execute(
    sql`WITH terr AS (
          SELECT id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n
          FROM territories WHERE kind = 'district'
        ), cats AS (
          SELECT id, coalesce(sla_days, 10) AS sla, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n
          FROM categories WHERE parent_id IS NOT NULL AND is_active
        ), route AS (
          SELECT DISTINCT ON (c.id, t.id) c.id AS category_id, t.id AS territory_id, rr.organisation_id
          FROM cats c CROSS JOIN terr t
          JOIN routing_rules rr ON rr.category_id = c.id AND (rr.territory_id = t.id OR rr.territory_id IS NULL)
          ORDER BY c.id, t.id, rr.territory_id NULLS LAST
        ), author AS (SELECT id FROM users WHERE role = 'resident' ORDER BY email LIMIT 1),

        g AS (
          SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                 random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS r10
          FROM generate_series(1, ${o.count}) i
        ), picked AS (
          SELECT g.*, t.id AS territory_id, t.k AS tk, c.id AS category_id, c.sla,
                 ${o.from}::timestamptz + make_interval(secs => g.r1 * ${span}) AS created_at
          FROM g
          JOIN terr t ON t.k = floor(g.r3 * t.n)
          JOIN cats c ON c.k = floor(power(g.r2, 1.6) * c.n)
        ), shaped AS (
          SELECT p.*,
            CASE WHEN p.r5 < 0.04 THEN 'rejected' WHEN p.r5 < 0.06 THEN 'merged'
                 WHEN p.r5 < 0.20 OR p.created_at > ${o.now}::timestamptz - interval '3 days'
                   THEN (CASE WHEN p.r9 < 0.5 THEN 'in_progress' ELSE 'assigned' END)
                 WHEN p.r5 < 0.55 THEN 'answered' WHEN p.r5 < 0.85 THEN 'resolved'
                 WHEN p.r5 < 0.92 THEN 'disputed' ELSE 'closed' END AS status,
            p.created_at + make_interval(days => ceil(p.sla * 1.4)::int) AS due_at,
            p.created_at + make_interval(days => 1 + floor(-ln(greatest(p.r6, 1e-9)) * p.sla * 0.8)::int,
                                         hours => floor(p.r7 * 9)::int) AS answer_at
          FROM picked p
        )
        INSERT INTO reports (kind, status, category_id, text, location, address, territory_id, organisation_id,
          author_id, is_public, idempotency_key, due_at, answered_at, redirect_count, created_at, updated_at)
        SELECT 'report', s.status, s.category_id, ${text},
          gp.geom,
          CASE WHEN s.r8 < 0.1 THEN 'ул. Тестовая, д. 1, кв. 5' ELSE 'ул. Тестовая, д. ' || (1 + floor(s.r4 * 90)) END,
          s.territory_id,
          CASE WHEN s.status = 'rejected' THEN NULL ELSE ro.organisation_id END,
          ${authorId}, s.r7 < 0.85, ${prefix} || s.i,
          CASE WHEN s.status IN ('rejected', 'merged') THEN NULL ELSE s.due_at END,
          CASE WHEN s.status IN ('answered', 'resolved', 'disputed', 'closed') THEN least(s.answer_at, ${o.now}::timestamptz) END,
          CASE WHEN s.r8 > 0.93 AND s.status <> 'rejected' THEN 1 ELSE 0 END,
          s.created_at, s.created_at
        FROM shaped s
        JOIN gen_points gp ON gp.tk = s.tk AND gp.pk = 1 + floor(s.r4 * 200)::int
        LEFT JOIN route ro ON ro.category_id = s.category_id AND ro.territory_id = s.territory_id`,
  );
  const mine = sql`r.idempotency_key LIKE ${`${prefix}%`}`;
  if (o.variety) await fillQueues(exec, mine, o.now);
  // The timeline: every report was submitted; some were asked to clarify (a pause before the answer).
  await exec.execute(
    sql`INSERT INTO report_events (report_id, type, from_status, to_status, actor_role, is_public, payload, created_at)
        SELECT r.id, 'submitted', NULL, 'submitted', 'resident', true, '{}'::jsonb, r.created_at FROM reports r WHERE ${mine}`,
  );
  await exec.execute(
    sql`INSERT INTO report_events (report_id, type, from_status, to_status, actor_role, is_public, payload, created_at)
        SELECT r.id, 'clarification_requested', 'in_progress', 'clarification_requested', 'system', true, '{}'::jsonb,
               r.created_at + interval '1 day'
        FROM reports r WHERE ${mine} AND r.answered_at > r.created_at + interval '5 days' AND r.number % 11 = 0
        UNION ALL
        SELECT r.id, 'clarified', 'clarification_requested', 'in_progress', 'system', true, '{}'::jsonb,
               r.created_at + interval '4 days'
        FROM reports r WHERE ${mine} AND r.answered_at > r.created_at + interval '5 days' AND r.number % 11 = 0`,
  );
  // Answers, ratings and disputes of the answered ones.
  await exec.execute(
    sql`INSERT INTO answers (report_id, organisation_id, author_id, text, result, status, created_at, updated_at, published_at)
        SELECT r.id, r.organisation_id, r.author_id, 'Сгенерированный ответ', 'solved', 'published', r.answered_at, r.answered_at, r.answered_at
        FROM reports r WHERE ${mine} AND r.answered_at IS NOT NULL AND (r.status IN ('resolved', 'disputed') OR r.number % 3 = 0)`,
  );
  await exec.execute(
    sql`INSERT INTO ratings (report_id, answer_id, author_id, score, solved, created_at)
        SELECT a.report_id, a.id, r.author_id,
          CASE WHEN r.status = 'resolved' THEN 4 + (r.number % 2) WHEN r.status = 'disputed' THEN 1 + (r.number % 2)
               ELSE 1 + (r.number % 5) END,
          r.status = 'resolved', r.answered_at + interval '2 days'
        FROM answers a JOIN reports r ON r.id = a.report_id WHERE ${mine}`,
  );
  await exec.execute(
    sql`INSERT INTO report_events (report_id, type, from_status, to_status, actor_role, is_public, payload, created_at)
        SELECT r.id, 'disputed', 'answered', 'disputed', 'resident', true, '{}'::jsonb, r.answered_at + interval '3 days'
        FROM reports r WHERE ${mine} AND (r.status = 'disputed' OR (r.status = 'closed' AND r.number % 7 = 0))`,
  );
  await exec.execute(
    sql`INSERT INTO report_events (report_id, type, from_status, to_status, actor_role, is_public, payload, created_at)
        SELECT r.id, 'closed', 'answered', 'closed', 'system', true, '{"reason":"no_rating"}'::jsonb, r.answered_at + interval '31 days'
        FROM reports r WHERE ${mine} AND r.status = 'closed' AND r.number % 7 <> 0
          AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.report_id = r.id)`,
  );
  // Supporters ("me too"): a tenth of the reports, one to three other people each.
  await exec.execute(
    // In a CTE: Citus 13.2 mis-deparses this INSERT … SELECT on a schema-distributed table (see facts.repo.ts).
    sql`WITH rows AS (
          SELECT r.id AS report_id, u.id AS user_id, 'supporter' AS reason, r.created_at + interval '1 day' AS at
          FROM reports r
          JOIN LATERAL (SELECT id FROM users WHERE id <> r.author_id ORDER BY id LIMIT 1 + (r.number % 3)) u ON true
          WHERE ${mine} AND r.number % 10 = 0)
        INSERT INTO report_followers (report_id, user_id, reason, created_at) SELECT * FROM rows
        ON CONFLICT DO NOTHING`,
  );
  await exec.execute(sql`DROP TABLE IF EXISTS pg_temp.gen_points`);
  const [n] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM reports r WHERE ${mine}`,
  );
  return Number(n?.n ?? 0);
}

/**
 * The work in the queues of a live region (variety only): of the last month's open reports, some
 * still wait for moderation or were asked to clarify, some wait for the curator, some answers for
 * review; a few percent of all reports are 59-ФЗ appeals (never public).
 */
async function fillQueues(exec: Executor, mine: SQL, now: Date): Promise<void> {
  await exec.execute(
    sql`UPDATE reports r SET
          status = CASE r.number % 10 WHEN 0 THEN 'submitted' WHEN 1 THEN 'accepted' WHEN 2 THEN 'answer_review'
                     WHEN 3 THEN 'clarification_requested' WHEN 4 THEN 'answer_drafted' WHEN 5 THEN 'reopened'
                     ELSE r.status END,
          organisation_id = CASE WHEN r.number % 10 IN (0, 1) THEN NULL ELSE r.organisation_id END
        WHERE ${mine} AND r.status IN ('assigned', 'in_progress') AND r.created_at > ${now}::timestamptz - interval '30 days'`,
  );
  await exec.execute(
    sql`UPDATE reports r SET kind = 'appeal', is_public = false WHERE ${mine} AND r.number % 50 = 7`,
  );
}
