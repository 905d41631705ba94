import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportAction, reportStatuses, transitions } from '../../src/modules/reports/report-states.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { act, fileReport, loginStaff, rows } from '../support/reports.ts';

/**
 * Property: whatever sequence of actions whoever tries on a report, it never reaches a status
 * outside the machine, an accepted action moves it exactly as the transition table says and writes
 * its timeline event and its audit row, and a refused action changes nothing and writes nothing.
 * Fixed seed: a failure names its shrunk sequence and replays the same way.
 */
const actions: ReportAction[] = (Object.keys(transitions) as ReportAction[]).filter(
  // merge and unmerge need a second report; the duplicates tests cover them.
  (a) => a !== 'merge' && a !== 'unmerge',
);

describe('report state machine (property)', () => {
  let t: TestApp;
  let actors: { name: string; who: Session | null }[];
  let orgs: string[];
  let categoryId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const staff = await loginStaff(t);
    actors = [
      { name: 'anonymous', who: null },
      { name: 'other resident', who: await newResident(t.app) },
      { name: 'moderator', who: staff.moderator },
      { name: 'curator', who: staff.curator },
      { name: 'operator (lighting)', who: staff.opLight },
      { name: 'operator (roads)', who: staff.opRoads },
      { name: 'analyst', who: staff.analyst },
      { name: 'admin', who: staff.admin },
    ];
    orgs = (await rows<{ id: string }>(t, sql`SELECT id FROM organisations ORDER BY code LIMIT 3`)).map(
      (r) => r.id,
    );
    categoryId = (
      await rows<{ id: string }>(
        t,
        sql`SELECT id FROM categories WHERE parent_id IS NOT NULL ORDER BY code LIMIT 1`,
      )
    )[0]!.id;
  });
  afterAll(() => t.close());

  const bodyFor = (action: ReportAction, pick: number): object => {
    const org = orgs[pick % orgs.length]!;
    const bodies: Record<string, object> = {
      reject: { reason: 'Не относится к городскому хозяйству' },
      'request-clarification': { question: 'Уточните, пожалуйста, номер дома' },
      clarify: { answer: 'Дом 12, второй подъезд' },
      assign: { organisationId: org },
      'draft-answer': { text: 'Работы выполнены бригадой, освещение восстановлено.', result: 'solved' },
      'return-answer': { comment: 'Добавьте дату выполнения работ' },
      rate: { score: 1 + (pick % 5), solved: pick % 2 === 0 },
      dispute: { comment: 'Ничего не изменилось, фонарь не горит' },
      close: { reason: 'Закрыто по решению модератора' },
      recategorise: { categoryId },
      redirect: { organisationId: org, reason: 'Адрес обслуживает другая организация' },
      'extend-deadline': { days: 1 + (pick % 10), reason: 'Нужна закупка материалов' },
    };
    return bodies[action] ?? {};
  };

  const state = async (id: string) => {
    const [r] = await rows<{ status: string; events: number; audits: number }>(
      t,
      sql`SELECT r.status,
            (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
            (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id::text) AS audits
          FROM reports r WHERE r.id = ${id}`,
    );
    return { status: r!.status, events: Number(r!.events), audits: Number(r!.audits) };
  };

  it('keeps every report valid, with an event and an audit row per accepted action', async () => {
    const step = fc.record({
      // Biased toward the author, the moderator and the admin, and toward the main path, so that
      // sequences get far into the machine; every role and action still comes up.
      actor: fc.oneof(
        { arbitrary: fc.constantFrom(-1, 2, 7), weight: 2 },
        { arbitrary: fc.integer({ min: -1, max: 7 }), weight: 1 },
      ),
      action: fc.oneof(
        {
          arbitrary: fc.constantFrom<ReportAction>(
            'accept',
            'start',
            'draft-answer',
            'submit-answer',
            'publish-answer',
          ),
          weight: 2,
        },
        { arbitrary: fc.constantFrom(...actions), weight: 1 },
      ),
      pick: fc.nat(100),
    });
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const author = await newResident(t.app);
        const report = await fileReport(t, author);
        for (const s of steps) {
          const who = s.actor === -1 ? author : actors[s.actor]!.who;
          const before = await state(report.id);
          const res = await act(t, who, report.id, s.action, bodyFor(s.action, s.pick));
          const after = await state(report.id);
          expect(res.statusCode, `${s.action}: ${res.body}`).toBeLessThan(500);
          expect(reportStatuses as readonly string[]).toContain(after.status);
          const rule = transitions[s.action];
          if (res.statusCode === 200) {
            applied++;
            expect(rule.from as readonly string[]).toContain(before.status);
            // Accepting a report its routing rules place goes on to assign it in the same step.
            const allowed =
              rule.to === 'same'
                ? [before.status]
                : s.action === 'accept'
                  ? ['accepted', 'assigned']
                  : [rule.to];
            expect(allowed).toContain(after.status);
            expect(after.events).toBeGreaterThan(before.events);
            expect(after.audits).toBeGreaterThan(before.audits);
          } else {
            expect(after).toEqual(before);
          }
        }
      }),
      { seed: 20_260_302, numRuns: 30, endOnFailure: true },
    );
    // The property is only worth something if sequences got somewhere.
    expect(applied).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
