import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type FuzzIdentity, type FuzzResult, runFuzz } from './fuzz.ts';
import { dropStore, freshStore, openStore } from './nodes.ts';

/**
 * The long form of the endpoint fuzzer for `npm run bench -- reliability --fuzz-seconds N`: a fresh
 * database on the engine, the demo staff and one resident with a report, then the same fuzzer and
 * seed as test/integration/fuzz.test.ts for N seconds.
 */
const DEMO_PASSWORD = 'demo-password-2026';
/** Live streams answer forever by design; /metrics is not an API operation. */
const STREAMS = new Set(['GET /api/v1/notifications/live', 'GET /api/v1/reports/:id/live', 'GET /metrics']);

export async function runFuzzBench(o: {
  engine: 'postgres' | 'pglite';
  seconds: number;
  seed: number;
  log: (line: string) => void;
}): Promise<FuzzResult> {
  const store = await freshStore(o.engine, `vmeste_fuzz_${process.pid}`);
  const database = await openStore(store);
  const config = loadConfig({
    ...(store.engine === 'postgres' ? { DATABASE_URL: store.url } : {}),
    DATA_DIR: store.dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
    REQUIRE_EMAIL_CONFIRMATION: 'false',
  });
  const app = await buildApp(config, { database, logger: false });
  await app.ready();
  try {
    const bearer = async (email: string, password = DEMO_PASSWORD) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session?mode=token',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
      return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
    };
    const residentEmail = `fuzz-resident-${process.pid}@example.org`;
    await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: residentEmail, password: 'fuzz-password-2026', name: 'Житель Фаззера' },
    });
    const resident = await bearer(residentEmail, 'fuzz-password-2026');
    const categories = (await app.inject({ method: 'GET', url: '/api/v1/categories' })).json() as {
      items: { id: string; code: string }[];
    };
    const category = categories.items.find((c) => c.code === 'street-light') ?? categories.items[0]!;
    const report = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: resident,
      payload: { categoryId: category.id, text: 'Не горит фонарь у дома', lat: 59.9343, lon: 30.3351 },
    });
    const identities: FuzzIdentity[] = [
      { name: 'anonymous', headers: {} },
      { name: 'resident', headers: resident },
      { name: 'moderator', headers: await bearer('moderator@demo.vmeste.local') },
      { name: 'admin', headers: await bearer('admin@demo.vmeste.local') },
      { name: 'operator', headers: await bearer('operator.light@demo.vmeste.local') },
    ];
    return await runFuzz({
      app,
      database,
      seed: o.seed,
      budgetMs: o.seconds * 1000,
      requestTimeoutMs: 20_000,
      identities,
      knownIds: [(report.json() as { id: string }).id, category.id, '00000000-0000-4000-8000-000000000001'],
      expectedServerErrors: { jobs_unavailable: 'the fuzzed node runs no job queue' },
      skip: (route) => STREAMS.has(route),
      log: o.log,
    });
  } finally {
    await app.close();
    await database.close();
    await dropStore(store);
  }
}
