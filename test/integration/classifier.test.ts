import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrainingExamples } from '../../src/db/seed/demo-model.ts';
import { retrain } from '../../src/modules/classifier/classifier.service.ts';
import { createTestApp, newResident, organisationId, type TestApp } from '../support/app.ts';
import { fileReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';
import { eventually } from '../support/timeouts.ts';

/** Trains the demo model (from the project's generator) into this app's data directory and activates it. */
async function withDemoModel(t: TestApp): Promise<void> {
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
}

const suggest = (t: TestApp, text: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/suggestions/categories', payload: { text } });

describe('the classifier in the product', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  it('suggests nothing before any model exists, and never fails', async () => {
    const res = await suggest(t, 'не горит фонарь во дворе');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('sends a report the rules cannot route to the curator while there is no model, and learns from the curator', async () => {
    const resident = await newResident(t.app);
    const report = await fileReport(t, resident, { category: 'other-issue', text: 'Шумят соседи по ночам' });
    const accepted = await must(t, staff.moderator, report.id, 'accept');
    expect(accepted.status).toBe('accepted');
    const roads = await organisationId(t.app, 'roads-directorate');
    await must(t, staff.curator, report.id, 'assign', { organisationId: roads });
    const labels = await rows<{ label: string; value: string; source: string }>(
      t,
      sql`SELECT label, value, source FROM training_labels WHERE report_id = ${report.id}`,
    );
    expect(labels).toEqual([{ label: 'executor_org', value: 'roads-directorate', source: 'curator_assign' }]);
  });

  it('turns a staff correction of the subject into a training label, and refuses a non-correction', async () => {
    const resident = await newResident(t.app);
    const report = await fileReport(t, resident, {
      category: 'street-light',
      text: 'Во дворе не горит фонарь у подъезда',
    });
    await must(t, staff.moderator, report.id, 'accept');
    const yardLight = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' }))
      .json()
      .items.find((c: { code: string }) => c.code === 'yard-light').id;
    const same = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report.id}/actions/recategorise`,
      headers: staff.opLight.headers,
      payload: { categoryId: report.category.id },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('category_unchanged');
    const corrected = await must(t, staff.opLight, report.id, 'recategorise', { categoryId: yardLight });
    expect(corrected).toMatchObject({ status: 'assigned', category: { code: 'yard-light' } });
    const labels = await rows<{ label: string; value: string; source: string }>(
      t,
      sql`SELECT label, value, source FROM training_labels WHERE report_id = ${report.id}`,
    );
    expect(labels).toEqual([{ label: 'category', value: 'yard-light', source: 'staff_recategorise' }]);
    const events = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${report.id}/events`,
        headers: resident.headers,
      })
    ).json();
    expect(events.items.at(-1)).toMatchObject({
      type: 'recategorised',
      payload: { toCategoryId: yardLight },
    });
  });

  it('suggests the lighting subjects for "не горит фонарь во дворе" once a model is active', async () => {
    await withDemoModel(t);
    const res = await suggest(t, 'не горит фонарь во дворе');
    const codes = res.json().items.map((i: { code: string }) => i.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(['yard-light', 'street-light']).toContain(codes[0]);
  });

  it('answers empty, emoji-only and huge texts sensibly', async () => {
    for (const text of ['', '🙂🙂🙂', '12345', 'фонарь '.repeat(14_000)]) {
      const res = await suggest(t, text);
      expect(res.statusCode, text.slice(0, 20)).toBe(200);
    }
    expect((await suggest(t, '🙂🙂🙂')).json().items).toEqual([]);
    const tooLong = await suggest(t, 'x'.repeat(100_001));
    expect(tooLong.statusCode).toBe(400);
  });

  it('routes a report the rule table cannot route when the model is confident, and explains why', async () => {
    const resident = await newResident(t.app);
    // "Другая проблема" has no routing rule anywhere in the demo region.
    const report = await fileReport(t, resident, {
      category: 'other-issue',
      text: 'Во дворе не горит фонарь уже неделю, темно',
    });
    const accepted = await must(t, staff.moderator, report.id, 'accept');
    expect(accepted.status).toBe('assigned');
    const seenByCurator = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${report.id}`,
        headers: staff.curator.headers,
      })
    ).json();
    expect(seenByCurator.organisation.id).toBe(await organisationId(t.app, 'city-light'));
    expect(seenByCurator.routing).toMatchObject({
      method: 'classifier',
      rules: 'no_rule',
      organisationCode: 'city-light',
      confidence: expect.any(Number),
      terms: expect.any(Array),
    });
    expect(seenByCurator.routing.confidence).toBeGreaterThanOrEqual(seenByCurator.routing.threshold);
  });
});

describe('retraining as a job', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({}, { jobs: true });
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/classifier/retrain',
      headers: staff.analyst.headers,
    });
    expect(res.statusCode).toBe(403);
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/classifier',
      headers: staff.opLight.headers,
    });
    expect(status.statusCode).toBe(403);
  });

  it('trains from vetted reports on demand and records the model with its held-out figures', async () => {
    const resident = await newResident(t.app);
    const texts = [
      'Не горит фонарь у подъезда',
      'Яма на проезжей части',
      'Не вывезли мусор со двора',
      'Сломана скамейка',
    ];
    const categories = ['street-light', 'road-pothole', 'yard-litter', 'street-furniture'];
    for (let i = 0; i < 28; i++) {
      const report = await fileReport(t, resident, {
        category: categories[i % 4],
        text: `${texts[i % 4]}, дом ${i + 1}`,
      });
      await must(t, staff.moderator, report.id, 'accept');
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/classifier/retrain',
      headers: staff.admin.headers,
    });
    expect(res.statusCode).toBe(202);
    const models = await eventually(
      'the retrained model',
      async () => {
        const status = await t.app.inject({
          method: 'GET',
          url: '/api/v1/admin/classifier',
          headers: staff.admin.headers,
        });
        const listed: { status: string; trigger: string; trainedOn: number }[] = status.json().models;
        return listed.length > 0 ? listed : undefined;
      },
      30_000,
      500,
    );
    expect(models).toEqual([expect.objectContaining({ status: 'active', trigger: 'admin', trainedOn: 28 })]);
  });
});

describe('retraining requests', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    // Jobs registered but no report to learn from: requests wait in the queue long enough to collide.
    t = await createTestApp({}, { jobs: true });
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  it('refuses a second request while one is still waiting', async () => {
    await t.app.ctx.queue!.offWork('classifier-retrain');
    const retrainNow = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/admin/classifier/retrain', headers: staff.admin.headers });
    expect((await retrainNow()).statusCode).toBe(202);
    const second = await retrainNow();
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('retrain_already_queued');
  });
});
