import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrainingExamples } from '../../src/db/seed/demo-model.ts';
import { retrain } from '../../src/modules/classifier/classifier.service.ts';
import {
  decodeRuleMatches,
  matchingRules,
  matchingRulesJson,
} from '../../src/modules/routing/routing.repo.ts';
import {
  CENTRAL_POINT,
  categoryId,
  createTestApp,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import {
  auditActions,
  districtPoint,
  errorOf,
  fieldPaths,
  fileReport,
  loginStaff,
  must,
  rows,
  type Staff,
  territories,
} from '../support/reports.ts';

/**
 * The routing table edited by an admin (issue 11, item 1): rules with priority and validity dates,
 * refusals that list every problem and store nothing, the audit trail with before and after, the
 * "where would a report go" tester, and gaps and overlaps flagged.
 */
let t: TestApp;
let staff: Staff;
let resident: Session;
let ids: { other: string; light: string; roads: string; uk: string; central: string; nevsky: string };
const base = '/api/v1/admin/routing-rules';

type Rule = {
  id: string;
  priority: number;
  validFrom: string | null;
  validTo: string | null;
  inForce: boolean;
};
type List = {
  items: Rule[];
  gaps: { categoryId: string; territoryId: string }[];
  overlaps: { ruleIds: [string, string] }[];
};

const call = (
  who: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
const tester = (q: Record<string, string | number>) =>
  call(
    staff.admin,
    'GET',
    `${base}/test?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString()}`,
  );
/** The code of each problem listed (the message is in the caller's language). */
const codes = (res: Parameters<typeof errorOf>[0]) =>
  (errorOf(res).details as { code?: string }[]).map((d) => d.code);
const ruleCount = async () =>
  Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM routing_rules`))[0]!.n);

async function create(body: object): Promise<Rule> {
  const res = await call(staff.admin, 'POST', base, body);
  if (res.statusCode !== 201) throw new Error(`create rule: ${res.statusCode} ${res.body}`);
  return res.json() as Rule;
}

beforeAll(async () => {
  t = await createTestApp({ SESSION_TTL_DAYS: '365' });
  staff = await loginStaff(t);
  resident = await newResident(t.app);
  const terr = await territories(t);
  ids = {
    other: await categoryId(t.app, 'other-issue'),
    light: await organisationId(t.app, 'city-light'),
    roads: await organisationId(t.app, 'roads-directorate'),
    uk: await organisationId(t.app, 'uk-nevskaya-zastava'),
    central: terr.get('tsentralny')!.id,
    nevsky: terr.get('nevsky')!.id,
  };
});
afterAll(() => t?.close());

describe('who may edit', () => {
  it('is the admin only', async () => {
    expect((await call(null, 'GET', base)).statusCode).toBe(401);
    for (const who of [resident, staff.curator, staff.moderator, staff.opLight])
      expect((await call(who, 'GET', base)).statusCode).toBe(403);
    const refused = await call(staff.curator, 'POST', base, {
      categoryId: ids.other,
      organisationId: ids.light,
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the table', () => {
  it('lists the seeded rules and flags the gaps (subjects with no rule in a district)', async () => {
    const res = await call(staff.admin, 'GET', base);
    expect(res.statusCode).toBe(200);
    const list = res.json() as List;
    expect(list.items.length).toBeGreaterThan(10);
    expect(list.items.every((r) => r.inForce)).toBe(true);
    // "Другая проблема" has no rule anywhere: a gap in every district.
    expect(list.gaps.filter((g) => g.categoryId === ids.other).length).toBeGreaterThanOrEqual(2);
  });

  it('adds a rule that decides at once, audited with before and after, and a report goes there', async () => {
    const rule = await create({ categoryId: ids.other, territoryId: ids.central, organisationId: ids.roads });
    expect(rule).toMatchObject({ priority: 0, validFrom: null, validTo: null, inForce: true });
    expect(await auditActions(t, rule.id)).toEqual([
      expect.objectContaining({
        action: 'routing_rule.create',
        actorRole: 'admin',
        details: {
          before: null,
          after: expect.objectContaining({ categoryId: ids.other, organisationId: ids.roads, priority: 0 }),
        },
      }),
    ]);
    const decided = await tester({ ...CENTRAL_POINT, categoryId: ids.other });
    expect(decided.json()).toEqual({
      organisationId: ids.roads,
      decidedBy: 'rule',
      ruleId: rule.id,
      territoryId: ids.central,
    });
    const report = await fileReport(t, resident, {
      category: 'other-issue',
      text: 'Сломана скамейка в сквере',
    });
    const accepted = await must(t, staff.moderator, report.id, 'accept');
    expect(accepted).toMatchObject({ status: 'assigned', organisation: { id: ids.roads } });
    expect(accepted.routing).toMatchObject({ method: 'rule', ruleId: rule.id });

    // Elsewhere the gap remains: the curator decides.
    const nevsky = await districtPoint(t, 'nevsky');
    expect((await tester({ ...nevsky, categoryId: ids.other })).json()).toMatchObject({
      organisationId: null,
      decidedBy: 'curator',
      reason: 'no_rule',
    });

    // A rule that routed a report is not deleted: it is ended with a date instead.
    const del = await call(staff.admin, 'DELETE', `${base}/${rule.id}`);
    expect(del.statusCode).toBe(409);
    expect(errorOf(del).code).toBe('routing_rule_in_use');
    expect(fieldPaths(del)).toEqual(['validTo']);
    const ended = await call(staff.admin, 'PATCH', `${base}/${rule.id}`, { validTo: '2026-03-01' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: '2026-03-01', inForce: false });
    const history = await auditActions(t, rule.id);
    expect(history.at(-1)).toMatchObject({
      action: 'routing_rule.update',
      details: { before: { validTo: null }, after: { validTo: '2026-03-01' } },
    });
    expect((await tester({ ...CENTRAL_POINT, categoryId: ids.other })).json()).toMatchObject({
      decidedBy: 'curator',
    });
  });

  it('deletes an unused rule, auditing what it was', async () => {
    const rule = await create({ categoryId: ids.other, territoryId: ids.nevsky, organisationId: ids.uk });
    const res = await call(staff.admin, 'DELETE', `${base}/${rule.id}`);
    expect(res.statusCode).toBe(204);
    expect((await call(staff.admin, 'GET', `${base}/${rule.id}`)).statusCode).toBe(404);
    expect((await auditActions(t, rule.id)).at(-1)).toMatchObject({
      action: 'routing_rule.delete',
      details: { before: expect.objectContaining({ organisationId: ids.uk }), after: null },
    });
  });
});

describe('priority and validity dates', () => {
  it('lets the higher priority win at the same level, and the district beat the region', async () => {
    // Rules of 2030 only, so that they change nothing for the other tests.
    const when = { validFrom: '2030-01-01', validTo: '2030-12-31' };
    const region = { categoryId: ids.other, territoryId: null, ...when };
    const kolpino = await districtPoint(t, 'kolpinsky');
    const ask = async () => (await tester({ ...kolpino, categoryId: ids.other, date: '2030-06-01' })).json();
    await create({ ...region, organisationId: ids.light, priority: 1 });
    const high = await create({ ...region, organisationId: ids.roads, priority: 5 });
    expect(await ask()).toMatchObject({ decidedBy: 'rule', ruleId: high.id, organisationId: ids.roads });
    const district = await create({
      ...region,
      territoryId: (await territories(t)).get('kolpinsky')!.id,
      organisationId: ids.uk,
      priority: -5,
    });
    expect(await ask()).toMatchObject({ decidedBy: 'rule', ruleId: district.id, organisationId: ids.uk });
    // `accept` reads the same rules as one JSON column of its locked read: the same rules in the
    // same order as the look-up of their own.
    const kolpinsky = (await territories(t)).get('kolpinsky')!.id;
    const [read] = await rows<{ rules: unknown }>(
      t,
      sql`SELECT ${matchingRulesJson(sql`${ids.other}::uuid`, sql`${kolpinsky}::uuid`, sql`'2030-06-01'::date`)} AS rules`,
    );
    const alone = await matchingRules(t.database.db, ids.other, kolpinsky, '2030-06-01');
    expect(alone.map((r) => r.ruleId).slice(0, 3)).toEqual([district.id, high.id, expect.any(String)]);
    expect(decodeRuleMatches(read!.rules)).toEqual(alone);
  });

  it('applies a rule on its dates only', async () => {
    const cat = await categoryId(t.app, 'other-issue');
    const summer = await create({
      categoryId: cat,
      territoryId: ids.nevsky,
      organisationId: ids.uk,
      priority: 3,
      validFrom: '2026-05-01',
      validTo: '2026-09-30',
    });
    const nevsky = await districtPoint(t, 'nevsky');
    expect((await tester({ ...nevsky, categoryId: cat, date: '2026-04-30' })).json()).toMatchObject({
      decidedBy: 'curator',
    });
    expect((await tester({ ...nevsky, categoryId: cat, date: '2026-05-01' })).json()).toMatchObject({
      decidedBy: 'rule',
      ruleId: summer.id,
    });
    expect((await tester({ ...nevsky, categoryId: cat, date: '2026-10-01' })).json()).toMatchObject({
      decidedBy: 'curator',
    });
    // An autumn rule of the same priority that does not meet the summer one is fine.
    const autumn = await create({
      categoryId: cat,
      territoryId: ids.nevsky,
      organisationId: ids.light,
      priority: 3,
      validFrom: '2026-10-01',
    });
    expect((await tester({ ...nevsky, categoryId: cat, date: '2026-12-01' })).json()).toMatchObject({
      ruleId: autumn.id,
    });
  });
});

describe('bad input: refused with specific codes, every problem listed, nothing stored', () => {
  it('refuses overlapping rules of equal priority', async () => {
    const cat = await categoryId(t.app, 'other-issue');
    const territory = (await territories(t)).get('vasileostrovsky')!.id;
    await create({
      categoryId: cat,
      territoryId: territory,
      organisationId: ids.light,
      validFrom: '2027-01-01',
    });
    const before = await ruleCount();
    const res = await call(staff.admin, 'POST', base, {
      categoryId: cat,
      territoryId: territory,
      organisationId: ids.roads,
      validFrom: '2026-06-01',
      validTo: '2027-02-01',
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('routing_rule_overlap');
    expect(await ruleCount()).toBe(before);
    // The same at another priority is a deliberate override and is accepted.
    await create({
      categoryId: cat,
      territoryId: territory,
      organisationId: ids.roads,
      priority: 1,
      validFrom: '2026-06-01',
      validTo: '2027-02-01',
    });
  });

  it('refuses a rule for an archived category, an archived organisation and dates out of order, all at once', async () => {
    const cat = await categoryId(t.app, 'graffiti');
    await rows(t, sql`UPDATE categories SET is_active = FALSE WHERE id = ${cat}`);
    await rows(t, sql`UPDATE organisations SET is_active = FALSE WHERE id = ${ids.uk}`);
    try {
      const before = await ruleCount();
      const res = await call(staff.admin, 'POST', base, {
        categoryId: cat,
        organisationId: ids.uk,
        validFrom: '2026-05-01',
        validTo: '2026-04-01',
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('category_archived');
      expect(codes(res)).toEqual(['category_archived', 'organisation_archived', 'routing_rule_dates']);
      expect(fieldPaths(res)).toEqual(['categoryId', 'organisationId', 'validTo']);
      expect(await ruleCount()).toBe(before);
    } finally {
      await rows(t, sql`UPDATE categories SET is_active = TRUE WHERE id = ${cat}`);
      await rows(t, sql`UPDATE organisations SET is_active = TRUE WHERE id = ${ids.uk}`);
    }
  });

  it('refuses a topic, unknown ids, an impossible date, and a tester point outside the region', async () => {
    const topic = (
      await rows<{ id: string }>(t, sql`SELECT id FROM categories WHERE parent_id IS NULL LIMIT 1`)
    )[0]!.id;
    const res = await call(staff.admin, 'POST', base, {
      categoryId: topic,
      territoryId: '00000000-0000-4000-8000-000000000000',
      organisationId: ids.light,
    });
    expect(res.statusCode).toBe(422);
    expect(codes(res)).toEqual(['category_not_selectable', 'unknown_territory']);
    const date = await call(staff.admin, 'POST', base, {
      categoryId: ids.other,
      organisationId: ids.light,
      validFrom: '2026-02-30',
    });
    expect(date.statusCode).toBe(400);
    expect(fieldPaths(date)).toEqual(['validFrom']);
    const outside = await tester({ lat: 55.75, lon: 37.62, categoryId: ids.other });
    expect(outside.statusCode).toBe(422);
    expect(errorOf(outside).code).toBe('point_outside_region');
  });
});

describe('the tester and the classifier', () => {
  it('says the classifier decides where no rule does and the model is confident', async () => {
    const ctx = t.app.ctx;
    await retrain(
      {
        db: ctx.db,
        clock: ctx.clock,
        dataDir: ctx.config.dataDir,
        store: ctx.classifier,
        routingThreshold: null,
      },
      'seed',
      demoTrainingExamples(new Date('2026-03-01T00:00:00Z'), 800),
    );
    const nevsky = await districtPoint(t, 'nevsky');
    const res = await tester({
      ...nevsky,
      categoryId: ids.other,
      date: '2026-04-01',
      text: 'Во дворе не горит фонарь уже неделю, темно',
    });
    expect(res.json()).toMatchObject({
      decidedBy: 'classifier',
      organisationId: ids.light,
      reason: 'no_rule',
    });
    expect(res.json().ruleId).toBeUndefined();
  });
});
