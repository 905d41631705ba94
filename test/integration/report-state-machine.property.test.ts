import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportAction, reportStatuses, transitions } from '../../src/modules/reports/report-states.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { act, fileReport, loginStaff, rows } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

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
    const [r] = await rows<{ status: string; events: number; audits: number; lastTo: string | null }>(
      t,
      sql`SELECT r.status,
            (SELECT e.to_status FROM report_events e WHERE e.report_id = r.id AND e.to_status IS NOT NULL
              ORDER BY e.id DESC LIMIT 1) AS "lastTo",
            (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
            (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id::text) AS audits
          FROM reports r WHERE r.id = ${id}`,
    );
    return { status: r!.status, events: Number(r!.events), audits: Number(r!.audits), lastTo: r!.lastTo };
  };

  it(
    'keeps every report valid, with an event and an audit row per accepted action',
    async () => {
      const step = fc.record({
        // Most steps are guided by the machine: an action the current status allows (by whoever the
        // actor pick names, allowed or not), so that sequences get deep; the rest are any action by
        // anyone. The choice is made against the live status, so shrinking keeps its meaning.
        guided: fc.boolean(),
        guidedWeight: fc.nat(9),
        actor: fc.integer({ min: -1, max: 7 }),
        action: fc.constantFrom(...actions),
        pick: fc.nat(100),
      });
      /** Who usually does an action: the author answers questions, rates and disputes; staff the rest. */
      const likelyActor = (action: ReportAction, pick: number): number => {
        if (action === 'clarify' || action === 'rate' || action === 'dispute') return -1;
        if (['start', 'draft-answer', 'submit-answer', 'extend-deadline'].includes(action))
          return pick % 5 === 0 ? 5 : 4;
        return [2, 3, 7][pick % 3]!;
      };
      const reached = new Set<string>();
      const MAIN_PATH: ReportAction[] = [
        'accept',
        'start',
        'draft-answer',
        'submit-answer',
        'publish-answer',
        'rate',
        'clarify',
      ];
      let applied = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 18 }), async (steps) => {
          const author = await newResident(t.app);
          const report = await fileReport(t, author);
          // The author's answer returns the report to where it was when the question was put.
          let askedFrom: string | null = null;
          for (const s of steps) {
            const before = await state(report.id);
            reached.add(before.status);
            const possible = actions.filter((a) =>
              (transitions[a].from as readonly string[]).includes(before.status),
            );
            const guided = s.guidedWeight < 7 && possible.length > 0;
            const forward = possible.filter((a) => MAIN_PATH.includes(a));
            const action = guided
              ? forward.length > 0 && s.pick % 4 !== 0
                ? forward[s.pick % forward.length]!
                : possible[s.pick % possible.length]!
              : s.action;
            const actor = guided && s.guided ? likelyActor(action, s.pick) : s.actor;
            const who = actor === -1 ? author : actors[actor]!.who;
            const res = await act(t, who, report.id, action, bodyFor(action, s.pick));
            const after = await state(report.id);
            reached.add(after.status);
            expect(res.statusCode, `${action}: ${res.body}`).toBeLessThan(500);
            expect(reportStatuses as readonly string[]).toContain(after.status);
            const rule = transitions[action];
            if (res.statusCode === 200) {
              applied++;
              expect(rule.from as readonly string[]).toContain(before.status);
              // Accepting a report its routing rules place goes on to assign it in the same step.
              const allowed =
                rule.to === 'same'
                  ? [before.status]
                  : action === 'accept'
                    ? ['accepted', 'assigned']
                    : action === 'clarify'
                      ? [askedFrom ?? 'submitted']
                      : [rule.to];
              if (action === 'request-clarification') askedFrom = before.status;
              expect(allowed).toContain(after.status);
              expect(after.events).toBeGreaterThan(before.events);
              expect(after.audits).toBeGreaterThan(before.audits);
              // No skipped event: the timeline's last transition is where the report now is.
              if (after.status !== before.status) expect(after.lastTo).toBe(after.status);
            } else {
              expect(after).toEqual(before);
            }
          }
        }),
        { seed: 20_260_302, numRuns: 30, endOnFailure: true },
      );
      // The property is only worth something if sequences got somewhere: many accepted actions, and
      // most of the machine's statuses visited.
      console.log(
        `[state machine] ${applied} accepted actions; statuses reached: ${[...reached].sort().join(', ')}`,
      );
      expect(applied).toBeGreaterThanOrEqual(40);
      expect(reached.size).toBeGreaterThanOrEqual(9);
    },
    scaled(300_000),
  );
});
