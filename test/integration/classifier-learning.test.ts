import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrainingExamples } from '../../src/db/seed/demo-model.ts';
import { retrain } from '../../src/modules/classifier/classifier.service.ts';
import { createTestApp, newResident, organisationId, type TestApp } from '../support/app.ts';
import { fileReport, getReport, loginStaff, must, type Staff } from '../support/reports.ts';
import { eventually } from '../support/timeouts.ts';

/** Variants of one kind of report the demo model was never taught to route ("Другая проблема" has no rule). */
const SIMILAR = [
  'Во дворе третий месяц стоит брошенный автомобиль без колёс',
  'Брошенный автомобиль без колёс у подъезда, стоит с осени',
  'Во дворе брошенный разбитый автомобиль, без номеров и колёс',
  'Третий месяц у дома стоит брошенный автомобиль, колёса сняты',
  'Брошенный автомобиль во дворе мешает уборке, без колёс',
  'У детской площадки брошенный автомобиль без колёс и стёкол',
  'Брошенный автомобиль без номеров стоит во дворе второй год',
  'Брошенный автомобиль без колёс занимает место во дворе',
  'Стоит брошенный автомобиль, колёс нет, номера сняты',
  'Прошу убрать брошенный автомобиль без колёс из двора',
  'Во дворе ржавеет брошенный автомобиль без колёс',
];
const NEXT = 'Во дворе стоит брошенный автомобиль без колёс, просим убрать';

type ModelJson = { id: string; status: string; trigger: string; metrics: Record<string, unknown> };

describe('routing that learns from a curator', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    // The demo's own routing threshold is the model's 97 %-precision point; a model trained on only 800
    // generated reports has too small a held-out slice to prove one, so the test sets it.
    t = await createTestApp({ CLASSIFIER_ROUTING_THRESHOLD: '0.9' }, { jobs: true });
    staff = await loginStaff(t);
    const ctx = t.app.ctx;
    const deps = {
      db: ctx.db,
      clock: ctx.clock,
      dataDir: ctx.config.dataDir,
      store: ctx.classifier,
      routingThreshold: 0.9,
    };
    await retrain(deps, 'seed', demoTrainingExamples(new Date('2026-03-01T00:00:00Z'), 800));
  });
  afterAll(() => t.close());

  // What happened to the first reports, for the weekly routing figures.
  let sentByModel = 0;
  let sentByCurator = 0;

  const routingOf = async (id: string) => (await getReport(t, staff.curator, id)).json().routing;

  it('routes the next similar report as the curator did, after "retrain now"', async () => {
    const resident = await newResident(t.app);
    const target = await organisationId(t.app, 'appearance-committee');
    for (const text of SIMILAR) {
      const report = await fileReport(t, resident, { category: 'other-issue', text });
      const accepted = await must(t, staff.moderator, report.id, 'accept');
      // Before any correction the model does not send these to the committee by itself.
      expect((await routingOf(report.id)).organisationCode).not.toBe('appearance-committee');
      if (accepted.status === 'assigned') {
        sentByModel++;
        await must(t, staff.curator, report.id, 'redirect', {
          organisationId: target,
          reason: 'Брошенные автомобили — не профиль района',
        });
      } else {
        sentByCurator++;
        await must(t, staff.curator, report.id, 'assign', { organisationId: target });
      }
      t.clock.advance(60_000);
    }

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/classifier/retrain',
      headers: staff.admin.headers,
    });
    expect(res.statusCode).toBe(202);
    const retrained = await eventually(
      'the model retrained by the admin',
      async () => {
        const status = await t.app.inject({
          method: 'GET',
          url: '/api/v1/admin/classifier',
          headers: staff.admin.headers,
        });
        return (status.json().models as ModelJson[]).find((m) => m.trigger === 'admin');
      },
      120_000,
      500,
    );
    expect(retrained).toMatchObject({
      status: 'active',
      metrics: {
        base: 800,
        corrections: SIMILAR.length,
        previous: expect.any(Object),
        candidate: expect.any(Object),
        changes: {
          changed: expect.any(Number),
          moves: expect.arrayContaining([
            expect.objectContaining({ label: 'executor_org', to: 'appearance-committee' }),
          ]),
        },
      },
    });

    const next = await fileReport(t, resident, { category: 'other-issue', text: NEXT });
    const accepted = await must(t, staff.moderator, next.id, 'accept');
    expect(accepted.status).toBe('assigned');
    expect(await routingOf(next.id)).toMatchObject({
      method: 'classifier',
      organisationCode: 'appearance-committee',
    });
  });

  it('counts per week how reports were routed and how many automatic routings were redirected', async () => {
    const forbidden = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/classifier/routing-weeks',
      headers: staff.opLight.headers,
    });
    expect(forbidden.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/classifier/routing-weeks?weeks=4',
      headers: staff.curator.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(sentByModel + sentByCurator).toBe(SIMILAR.length);
    // Everything happened in the week of Monday 2 March 2026 (the test clock).
    const classifier = sentByModel + 1;
    expect(res.json().weeks).toEqual([
      {
        week: '2026-03-02',
        rule: 0,
        classifier,
        curator: sentByCurator,
        ruleRedirected: 0,
        classifierRedirected: sentByModel,
        automaticPrecision: Math.round((1 - sentByModel / classifier) * 1000) / 1000,
      },
    ]);
  });
});
