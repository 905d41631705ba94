import fc from 'fast-check';
import type { Database } from '../../src/db/connection.ts';
import type { App } from '../../src/server/app.ts';
import {
  fromSchema,
  HOSTILE_STRINGS,
  hostileHeaders,
  hostileString,
  hostileUploads,
  hostileValue,
  rawBodies,
} from './fuzz-inputs.ts';

/**
 * The endpoint fuzzer (issue 10, item 4): every operation of the OpenAPI document and every Open311
 * route, with malformed and hostile bodies, headers and uploads from fast-check with a fixed seed,
 * for a time budget. It finds answers 5xx, requests that hang past a per-request timeout, a refused
 * request that changed the database (every data table's row count and checksum, compared around
 * each batch whose requests were all refused), and a file read through path traversal.
 */
export type FuzzIdentity = { name: string; headers: Record<string, string> };
export type FuzzFinding = { kind: '5xx' | 'hang' | 'db-change' | 'leak'; request: string; detail: string };
export type FuzzResult = {
  requests: number;
  operations: number;
  statuses: Record<string, number>;
  refusedBatchesChecked: number;
  findings: FuzzFinding[];
  ms: number;
};
export type FuzzOptions = {
  app: App;
  database: Database;
  seed: number;
  budgetMs: number;
  requestTimeoutMs: number;
  identities: FuzzIdentity[];
  /** Real ids (a report, a category, an organisation…) so some requests reach existing rows. */
  knownIds: string[];
  /** Routes not to call (live streams answer forever by design). */
  skip: (route: string) => boolean;
  batchSize?: number;
  /** Server errors the node under test answers by its configuration (code → why), not by a defect. */
  expectedServerErrors?: Record<string, string>;
  log?: (line: string) => void;
};

/**
 * Tables a refused request may legitimately write: the shared rate-limit counters (every request
 * counts, refused or not) and the log-in failure counters behind the lock-out (a wrong password is
 * a refused request that must be counted).
 */
export const TABLES_REFUSALS_MAY_WRITE = new Set(['rate_limits', 'login_failures']);
/**
 * Bookkeeping columns a refused request may touch: an API key's or a session's last use is
 * recorded when it authenticates, before the request is refused for what it asked (at most once a
 * minute). Every other column of those tables is still compared.
 */
export const COLUMNS_REFUSALS_MAY_WRITE = ['last_used_at', 'last_seen_at'];

type Operation = {
  method: string;
  /** Fastify's pattern, `:id` for parameters. */
  route: string;
  query: { name: string; schema?: object }[];
  body?: object;
  multipart: boolean;
  open311: boolean;
};

type Doc = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, object> };
};
type OpenApiOperation = {
  parameters?: { name: string; in: string; schema?: object }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
};

export async function operationsOf(app: App, skip: (route: string) => boolean): Promise<Operation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      if (skip(`${method.toUpperCase()} ${route}`)) continue;
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        route,
        query: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        ...(content['application/json']?.schema ? { body: content['application/json'].schema } : {}),
        multipart: 'multipart/form-data' in content,
        open311: false,
      });
    }
  }
  // Open311 has its own specification and is hidden from the OpenAPI document: take it from the routes.
  for (const r of app.routeList)
    if (r.url.startsWith('/open311/') && !skip(`${r.method} ${r.url}`))
      ops.push({ method: r.method, route: r.url, query: [], multipart: false, open311: true });
  return ops;
}

type Built = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

const OPEN311_FIELDS = [
  'service_code',
  'lat',
  'long',
  'description',
  'email',
  'first_name',
  'last_name',
  'phone',
  'address_string',
  'address_id',
  'media_url',
  'api_key',
  'jurisdiction_id',
  'attribute[lane]',
  'service_request_id',
  'status',
  'updated_datetime',
  'start_date',
  'end_date',
];

function requestArbitrary(ops: Operation[], o: FuzzOptions, doc: Doc): fc.Arbitrary<Built> {
  const known = o.knownIds;
  const resolve = (ref: string) =>
    doc.components?.schemas?.[ref.split('/').pop() ?? ''] as object | undefined;
  const traversal = fc.constantFrom(
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '....//....//package.json',
    '%2e%2e/%2e%2e/',
    // Invalid UTF-8 once decoded.
    '%C3%28',
    '%FF%FE',
    '%ED%A0%80',
  );
  const param = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: hostileString(known).map((s) => percentEncode(s.slice(0, 2_000))) },
    { weight: 1, arbitrary: traversal },
  );
  const uploads = hostileUploads();
  const raws = rawBodies();
  return fc
    .record({
      op: fc.constantFrom(...ops),
      identity: fc.constantFrom(...o.identities),
      params: fc.array(param, { minLength: 3, maxLength: 3 }),
      ext: fc.constantFrom('.json', '.xml', '', '.exe', '.json%00.xml'),
      queryValues: fc.array(hostileString(known), { minLength: 6, maxLength: 6 }),
      extraQuery: fc.option(
        fc.tuple(
          fc.constantFrom('q', 'limit', 'offset', 'bbox', 'page', 'lat', 'lon', 'status'),
          hostileString(known),
        ),
      ),
      mode: fc.constantFrom('schema', 'schema', 'schema', 'hostile', 'raw', 'upload', 'form'),
      hostileHeaders: fc.option(hostileHeaders(known), { freq: 3 }),
      raw: fc.constantFrom(...raws),
      upload: fc.constantFrom(...uploads),
      formValues: fc.dictionary(fc.constantFrom(...OPEN311_FIELDS), hostileString(known)),
      seedBody: fc.integer(),
    })
    .chain((r) => {
      const body = r.op.body ? fromSchema(r.op.body, resolve, known) : hostileValue(known);
      return body.map((value) => ({ ...r, value }));
    })
    .map((r): Built => {
      let i = 0;
      let url = r.op.route.replace(/:(\w+)|\*/g, (m) => {
        const v = r.params[i++ % 3]!;
        return m === '*' ? `static/${v}` : m === ':file' ? `${v}${r.ext}` : v;
      });
      const query = new URLSearchParams();
      r.op.query.forEach((q, k) => {
        if (k < r.queryValues.length && (k + r.seedBody) % 2 === 0) query.set(q.name, r.queryValues[k]!);
      });
      if (r.extraQuery) query.set(r.extraQuery[0], r.extraQuery[1]);
      const qs = query.toString();
      if (qs) url += `?${qs.slice(0, 8_000)}`;
      const headers: Record<string, string> = { ...r.identity.headers, ...(r.hostileHeaders ?? {}) };
      const built: Built = { method: r.op.method, url, headers };
      if (r.op.method === 'GET' || r.op.method === 'HEAD') return built;
      if (r.mode === 'raw') {
        headers['content-type'] = r.raw.contentType;
        built.payload = r.raw.payload;
      } else if (r.mode === 'upload' || (r.op.multipart && r.mode !== 'hostile')) {
        const boundary = `----fuzz${r.seedBody >>> 0}`;
        const u = r.upload;
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        built.payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${u.filename}"\r\n` +
              `Content-Type: ${u.contentType}\r\n\r\n`,
          ),
          u.data,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
      } else if (r.mode === 'form' || (r.op.open311 && r.mode !== 'hostile')) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        built.payload = new URLSearchParams(r.formValues).toString();
      } else {
        headers['content-type'] = 'application/json';
        built.payload = JSON.stringify(r.value) ?? 'null';
      }
      return built;
    });
}

/** Every data table's row count and checksum (order-independent: a sum of row hashes). */
export async function snapshot(database: Database): Promise<Map<string, string>> {
  const { rows } = await database.executeSql(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
    [database.schema],
  );
  const tables = (rows as { t: string }[]).map((r) => r.t).filter((t) => !TABLES_REFUSALS_MAY_WRITE.has(t));
  const parts = tables.map(
    (t) =>
      `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(hashtext((to_jsonb(x) - '{${COLUMNS_REFUSALS_MAY_WRITE.join(',')}}'::text[])::text)::bigint), 0)::text AS v FROM "${database.schema}"."${t}" x`,
  );
  const result = await database.executeSql(parts.join(' UNION ALL '));
  return new Map((result.rows as { t: string; v: string }[]).map((r) => [r.t, r.v]));
}

function changed(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...b.keys()].filter((k) => a.get(k) !== b.get(k));
}

const describeRequest = (b: Built) =>
  `${b.method} ${b.url.slice(0, 300)} [${b.headers['content-type'] ?? '-'}; ${typeof b.payload === 'string' ? b.payload.slice(0, 300) : b.payload ? `${b.payload.length} bytes` : 'no body'}]`;

/** Markers of a file served through path traversal (the system's users, the package manifest). */
const LEAK_MARKERS = ['root:x:0:0', '"name": "vmeste"', '[boot loader]'];

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const doc = (await o.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
  const ops = await operationsOf(o.app, o.skip);
  const arb = requestArbitrary(ops, o, doc);
  const result: FuzzResult = {
    requests: 0,
    operations: ops.length,
    statuses: {},
    refusedBatchesChecked: 0,
    findings: [],
    ms: 0,
  };
  const batchSize = o.batchSize ?? 8;
  let before = await snapshot(o.database);
  // The budget bounds the random batches only: the sweep of every operation always completes, so a
  // short budget on a slow machine (CI's FUZZ_SECONDS) still calls every operation at least once.
  const sweepBatches = Math.ceil(ops.length / batchSize);
  for (let batch = 0; batch < sweepBatches || Date.now() - started < o.budgetMs; batch++) {
    // A fixed seed per batch: the same run replays the same requests, whatever the budget.
    const requests = fc.sample(arb, { seed: o.seed + batch, numRuns: batchSize });
    // The first batches walk every operation once with a plausible body, so none is left out.
    const sweep = ops.slice(batch * batchSize, (batch + 1) * batchSize);
    sweep.forEach((op, k) => {
      if (requests[k])
        requests[k] = {
          ...requests[k],
          method: op.method,
          url: requests[k].url.replace(/^[^?]*/, opPath(op, o.knownIds[0]!)),
        };
    });
    const statuses = await Promise.all(requests.map((req) => send(o, req, result)));
    result.requests += requests.length;
    const after = await snapshot(o.database);
    if (statuses.every((s) => s !== null && s >= 400 && s < 500)) {
      result.refusedBatchesChecked += 1;
      const tables = changed(before, after);
      if (tables.length)
        result.findings.push({
          kind: 'db-change',
          request: requests.map(describeRequest).join('\n  '),
          detail: `refused batch changed ${tables.join(', ')}`,
        });
    }
    before = after;
    if (batch % 50 === 0) o.log?.(`fuzz: ${result.requests} requests, ${result.findings.length} findings`);
  }
  result.ms = Date.now() - started;
  return result;
}

function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}

/** Every UTF-8 byte percent-encoded (encodeURIComponent throws on a lone surrogate). */
function percentEncode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function opPath(op: Operation, id: string): string {
  return op.route.replace(/:file/, `${id}.json`).replace(/:\w+/g, id).replace('*', 'index.html');
}

async function send(o: FuzzOptions, req: Built, result: FuzzResult): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), o.requestTimeoutMs);
  });
  const res = await Promise.race([
    o.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: req.headers,
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    }),
    timeout,
  ]).finally(() => clearTimeout(timer));
  if (res === 'hang') {
    result.findings.push({
      kind: 'hang',
      request: describeRequest(req),
      detail: `no answer in ${o.requestTimeoutMs} ms`,
    });
    result.statuses.hang = (result.statuses.hang ?? 0) + 1;
    return null;
  }
  const key = `${Math.floor(res.statusCode / 100)}xx`;
  result.statuses[key] = (result.statuses[key] ?? 0) + 1;
  const expected = res.statusCode >= 500 && errorCode(res.body) in (o.expectedServerErrors ?? {});
  if (res.statusCode >= 500 && !expected)
    result.findings.push({
      kind: '5xx',
      request: describeRequest(req),
      detail: `${res.statusCode} ${res.body.slice(0, 300)}`,
    });
  const leak = LEAK_MARKERS.find((m) => res.body.includes(m));
  if (leak)
    result.findings.push({ kind: 'leak', request: describeRequest(req), detail: `answer contains ${leak}` });
  return res.statusCode;
}

export { HOSTILE_STRINGS };
