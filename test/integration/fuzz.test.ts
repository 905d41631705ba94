import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzIdentity, runFuzz } from '../../bench/reliability/fuzz.ts';
import { categoryId, createTestApp, newResident, organisationId, type TestApp } from '../support/app.ts';
import { policies } from '../support/authz-policies.ts';
import { issueKey } from '../support/open311.ts';
import { driveTo, fileReport, loginStaff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * The endpoint fuzzer in its CI form (issue 10, item 4; bench/reliability/fuzz.ts): every OpenAPI
 * operation and every Open311 route, hostile bodies, headers and uploads, a fixed seed, 60 s
 * (`FUZZ_SECONDS` to change it; `npm run bench -- reliability --fuzz-seconds 600` for the long run).
 * No 5xx, no request past its timeout, no refused request that changed a data table, no file read
 * through a traversal.
 */
const SEED = 20_261_202;
const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 60) * 1000;
let t: TestApp;
let identities: FuzzIdentity[];
let knownIds: string[];

beforeAll(async () => {
  // The fuzzer sends thousands of requests from one address: the per-minute limits are not under test.
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_WRITES_PER_MINUTE: '100000000' });
  const staff = await loginStaff(t);
  const resident = await newResident(t.app);
  const open = await driveTo(t, staff, resident, 'in_progress', { isPublic: true });
  const hidden = await fileReport(t, resident, { isPublic: false });
  const key = (await issueKey(t, staff.admin)).key;
  identities = [
    { name: 'anonymous', headers: {} },
    { name: 'resident', headers: resident.headers },
    { name: 'moderator', headers: staff.moderator.headers },
    { name: 'admin', headers: staff.admin.headers },
    { name: 'operator', headers: staff.opLight.headers },
    { name: 'api key', headers: { 'x-api-key': key } },
    // A session cookie without its CSRF token: every write must be refused.
    { name: 'cookie without csrf', headers: { cookie: `vmeste_session=${staff.admin.token}` } },
  ];
  knownIds = [
    open.id,
    hidden.id,
    await categoryId(t.app, 'street-light'),
    await organisationId(t.app, 'city-light'),
    '00000000-0000-4000-8000-000000000001',
    key,
  ];
}, scaled(120_000));
afterAll(() => t.close());

describe('endpoint fuzzer (fixed seed, time budget)', () => {
  it(
    'answers every hostile request without a 5xx, a hang, a change from a refusal or a leak',
    async () => {
      const result = await runFuzz({
        app: t.app,
        database: t.database,
        seed: SEED,
        budgetMs: BUDGET_MS,
        requestTimeoutMs: scaled(20_000),
        identities,
        knownIds,
        // Live streams answer forever by design; the metrics page is not an API operation.
        expectedServerErrors: {
          jobs_unavailable:
            'this node runs no job queue (its jobs would write between the database snapshots)',
        },
        skip: (route) => Boolean(policies[route]?.stream) || route === 'GET /metrics',
      });
      const { findings, ...figures } = result;
      console.log(`[fuzz] ${t.database.engine}: ${JSON.stringify(figures)}`);
      for (const f of findings.slice(0, 20)) console.log(`[fuzz] ${f.kind}: ${f.detail}\n  ${f.request}`);
      expect(findings.map((f) => `${f.kind}: ${f.detail} ← ${f.request.slice(0, 400)}`)).toEqual([]);
      // Every operation was called at least once (the sweep always completes; on a loaded machine it
      // may use the whole budget, leaving no random batch after it), and the database check did run.
      expect(result.requests).toBeGreaterThanOrEqual(result.operations);
      expect(result.operations).toBeGreaterThan(100);
      expect(result.refusedBatchesChecked).toBeGreaterThan(3);
    },
    BUDGET_MS + 180_000,
  );
});
