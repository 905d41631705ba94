import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import { citusTestMode } from '../support/citus.ts';
import {
  ANSWER_TEXT,
  act,
  driveTo,
  fileReport,
  getReport,
  loginStaff,
  type Staff,
} from '../support/reports.ts';

/**
 * How many statements the report page and the everyday actions send to the database (each one a
 * round trip, and under load a wait for a pooled connection): counted through Drizzle's logger on
 * the app's own database handle, BEGIN and COMMIT included. The ceilings hold the counts found when
 * issue 17 was worked (docs/performance.md, "The report page and actions"); a new look-up on these
 * paths has to be worth a round trip for every report page and every action of the day.
 */
type Logged = { text: string };

function recordStatements(db: Db): { take(): Logged[] } {
  let logged: Logged[] = [];
  // The session look-up is the auth plugin's, and the region settings, a subject's SLA and the
  // production calendar are per-node caches (5 s, 5 s, 30 s): each refill shows up when its cache has
  // lapsed between two requests, as it does under load (accept counted 7 in CI, four suites on two
  // cores) and as `counted` below makes it do every time, and is not the page's or the action's own
  // cost; so are the region's name that stands in for settings never saved (read with them) and the
  // classifier's active model (every 30 s).
  const cacheRefill =
    /\b(from|update) "?(sessions|region_settings|categories|calendar_days|calendar_years|classifier_models)\b|\bfrom\s+"?territories"?\s+where\s+kind = 'region'/i;
  const logger = {
    logQuery: (text: string) => {
      if (!cacheRefill.test(text)) logged.push({ text });
    },
  };
  const session = (db as unknown as { _: { session: { logger: unknown; options: { logger?: unknown } } } })._
    .session;
  session.logger = logger;
  // A transaction opens a new session with the same options (node-postgres): it logs too.
  session.options.logger = logger;
  return {
    take: () => {
      const out = logged;
      logged = [];
      return out;
    },
  };
}

type Reply = { statusCode: number; body: string };

describe('statements per report page and per action', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let statements: ReturnType<typeof recordStatements>;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    statements = recordStatements(t.database.db);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  /**
   * The statements one request sent, cache refills left out. Every per-node cache is made to lapse
   * first (the clock the caches read moves two minutes on), as it may under load, so that the counts
   * are the same however slow the machine, and a refill the filter above misses fails here.
   */
  const realNow = Date.now.bind(Date);
  let skew = 0;
  async function counted(request: () => Promise<Reply>): Promise<Logged[]> {
    skew += 120_000;
    statements.take();
    const res = await request();
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return statements.take();
  }

  /** What each counted request sent, for SHOW_STATEMENTS and for a failing count's message. */
  const sent: Record<string, string> = {};
  const show = (what: string, logged: Logged[]) => {
    sent[what] =
      `${what}: ${logged.length}\n${logged.map((l) => `  ${l.text.replace(/\s+/g, ' ').slice(0, 150)}`).join('\n')}`;
    if (process.env.SHOW_STATEMENTS) console.log(sent[what]);
    return logged.length;
  };

  it('the report page', async () => {
    const answered = await driveTo(t, staff, author, 'answered');
    // A first request of each caller, so that nothing done once per caller or connection is counted.
    for (const who of [null, author, staff.moderator]) await getReport(t, who, answered.id);
    const anonymous = show('page, anonymous', await counted(() => getReport(t, null, answered.id)));
    const own = show('page, author', await counted(() => getReport(t, author, answered.id)));
    const moderator = show(
      'page, moderator',
      await counted(() => getReport(t, staff.moderator, answered.id)),
    );
    expect(anonymous, sent['page, anonymous']).toBeLessThanOrEqual(CEILINGS.pageAnonymous);
    expect(own, sent['page, author']).toBeLessThanOrEqual(CEILINGS.pageAuthor);
    expect(moderator, sent['page, moderator']).toBeLessThanOrEqual(CEILINGS.pageStaff);
  });

  it('the actions of a report’s working day', async () => {
    const { moderator, curator, opLight } = staff;
    const report = await fileReport(t, author);
    const forCurator = await driveTo(t, staff, author, 'accepted');
    const lightId = await organisationId(t.app, 'city-light');
    for (const who of [moderator, curator, opLight]) await getReport(t, who, report.id);
    const steps: [string, Session, string, string, object][] = [
      ['accept', moderator, report.id, 'accept', {}],
      ['assign', curator, forCurator.id, 'assign', { organisationId: lightId }],
      ['start', opLight, report.id, 'start', {}],
      ['draft-answer', opLight, report.id, 'draft-answer', { text: ANSWER_TEXT, result: 'solved' }],
      ['submit-answer', opLight, report.id, 'submit-answer', {}],
      ['publish-answer', moderator, report.id, 'publish-answer', {}],
    ];
    const counts: Record<string, number> = {};
    for (const [name, who, id, action, body] of steps)
      counts[name] = show(name, await counted(() => act(t, who, id, action, body)));
    for (const [name, n] of Object.entries(counts))
      expect({ action: name, statements: n }, sent[name]).toEqual({
        action: name,
        statements: Math.min(
          n,
          CEILINGS.actions[name]! +
            (citusTestMode() ? CITUS_SEPARATE_WRITES[name]! : 0) -
            // PGlite's transactions do not pass BEGIN and COMMIT through Drizzle's logger.
            (t.database.engine === 'pglite' ? 2 : 0),
        ),
      });
  });
});

/**
 * Before issue 17: the page 7 (anonymous, author) and 9 (staff: the author's name and the audit row);
 * accept 16, assign 18, start 14, draft-answer 18, submit-answer 22, publish-answer 18. After its
 * first round: accept 9, assign 12, start 8, draft-answer 12, submit-answer 16, publish-answer 10.
 */
/**
 * On Citus the action's writes stay separate statements (docs/scale-out.md): the report's UPDATE, its
 * events and its audit rows — and the answers' status change for the answer actions that make one —
 * where PostgreSQL and PGlite send one statement.
 */
const CITUS_SEPARATE_WRITES: Record<string, number> = {
  accept: 3,
  assign: 3,
  start: 3,
  'draft-answer': 3,
  // + the quality flags, written with the others on PostgreSQL and PGlite.
  'submit-answer': 5,
  'publish-answer': 4,
};

const CEILINGS = {
  pageAnonymous: 1,
  pageAuthor: 1,
  // The page and the audit row of the staff's read of the author's personal data.
  pageStaff: 2,
  // BEGIN, the locked row with its answers, the handler's own, one statement for the report's
  // UPDATE, its answers' status, its events, the action's audit row and the record of the personal
  // data the answer shows, COMMIT, then the answer (the page's one statement).
  actions: {
    // Nothing more: the routing rules in force come with the locked row.
    accept: 5,
    // + the organisation, the classifier's label (the subject's SLA is a per-node cache: not counted).
    assign: 7,
    start: 5,
    // + the new answer.
    'draft-answer': 6,
    // Nothing more: what the non-answer checks compare with comes with the locked row, the flags and
    // the answer's status go with the write.
    'submit-answer': 5,
    // Nothing more: the answers' status changes are in the write.
    'publish-answer': 5,
  } as Record<string, number>,
};
