import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { Session, TestApp } from './app.ts';

/**
 * Open311 test helpers: the official GeoReport v2 JSON Schemas (kept next to the repository, in
 * ../shared/open311, never copied into it) compiled with Ajv, an XML parser for the .xml forms, and
 * API keys issued through the admin API.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = path.resolve(repoRoot, '../shared/open311');
const load = (name: string) => JSON.parse(readFileSync(path.join(schemaDir, name), 'utf8')) as object;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// The list schemas refer to their items by file name.
ajv.addSchema(load('georeport-v2-request.schema.json'), 'request.json');
ajv.addSchema(load('georeport-v2-service.schema.json'), 'service.json');
const validators = {
  services: ajv.compile(load('georeport-v2-services.schema.json')),
  service: ajv.getSchema('service.json')!,
  serviceDefinition: ajv.compile(load('georeport-v2-service-definition.schema.json')),
  requests: ajv.compile(load('georeport-v2-requests.schema.json')),
  request: ajv.getSchema('request.json')!,
};

/** Fails with Ajv's own account of every problem when the body breaks the official schema. */
export function expectValid(kind: keyof typeof validators, body: unknown): void {
  const validate = validators[kind];
  const ok = validate(body);
  expect(validate.errors ?? [], `${kind} must match the GeoReport v2 schema`).toEqual([]);
  expect(ok).toBe(true);
}

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'attribute', 'value', 'error', 'request_update', 'format', 'endpoint'].includes(
      name,
    ),
});

/** Parses an .xml answer after checking its declaration and content type. */
export function parseXml(res: { headers: Record<string, unknown>; body: string }): Record<string, unknown> {
  expect(String(res.headers['content-type'])).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return xml.parse(res.body) as Record<string, unknown>;
}

export function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function issueKey(
  t: TestApp,
  admin: Session,
  body: { name?: string; organisationId?: string; rateLimitPerMinute?: number } = {},
): Promise<{ key: string; id: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-clients',
    headers: admin.headers,
    payload: { name: 'FixMyStreet', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`issue key failed: ${res.statusCode} ${res.body}`);
  const json = res.json() as { key: string; client: { id: string } };
  return { key: json.key, id: json.client.id };
}

export type Open311Error = { code: number; description: string };

/** Asserts the Open311 error format and status; returns the descriptions. */
export function expectErrors(
  res: { statusCode: number; json(): unknown; headers: Record<string, unknown> },
  status: number,
): string[] {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toBe('application/json; charset=utf-8');
  const body = res.json() as Open311Error[];
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) {
    expect(e.code).toBe(status);
    expect(typeof e.description).toBe('string');
  }
  return body.map((e) => e.description);
}
