import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importInto, parseImportArgs } from '../../src/cli/import.ts';
import { UsageError } from '../../src/cli/train.ts';
import { queryRows } from '../../src/db/connection.ts';
import { AppError } from '../../src/lib/errors.ts';
import type { LineReport } from '../../src/modules/import/import.service.ts';
import { type ImportOptions, runImport } from '../../src/modules/import/import.service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { getReport, loginStaff, type Staff } from '../support/reports.ts';

let t: TestApp;
let staff: Staff;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-import-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ db: t.database.db, clock: t.clock, config: { regionToleranceMeters: 3000 } });

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function run(options: Omit<ImportOptions, 'errorsFile'> & { errorsFile?: string }) {
  const errorsFile = options.errorsFile ?? path.join(dir, `errors-${Math.random()}.jsonl`);
  return runImport(deps(), { ...options, errorsFile }).then((totals) => ({
    totals,
    errors: readFileSync(errorsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LineReport),
  }));
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, query);
  return Number(row!.n);
}

const reportCount = () => count(sql`SELECT count(*) AS n FROM reports`);

const CENTRE = { lat: 59.9343, lon: 30.3351 };
const MOSCOW = { lat: 55.7558, lon: 37.6173 };

const jsonMapping = (extra: Record<string, unknown> = {}) =>
  file(
    `mapping-${Math.random()}.json`,
    JSON.stringify({
      source: 'old-portal',
      format: 'jsonl',
      timezone: '+03:00',
      columns: {
        externalId: 'id',
        text: 'text',
        createdAt: 'dt',
        lat: 'lat',
        lon: 'lon',
        address: 'address',
        category: 'reason',
        status: 'state',
        organisation: 'executor',
      },
      categories: { 'Не горят фонари': 'street-light', 'Яма на дороге': 'road-pothole' },
      statuses: { Закрыто: 'closed', 'В работе': 'in_progress', Отклонено: 'rejected' },
      organisations: { Ленсвет: 'city-light' },
      ...extra,
    }),
  );

const line = (o: Record<string, unknown>) => `${JSON.stringify(o)}\n`;
const good = (id: number, extra: Record<string, unknown> = {}) =>
  line({
    id,
    dt: '2020-10-18T14:50:40.817676',
    text: `Не горит фонарь у дома ${id}`,
    reason: 'Не горят фонари',
    state: 'Закрыто',
    executor: 'Ленсвет',
    address: 'Невский проспект, 1',
    ...CENTRE,
    ...extra,
  });

describe('vmeste import (JSONL)', () => {
  const jsonl = () =>
    Buffer.concat([
      Buffer.from(good(1)),
      Buffer.from(good(2, { state: 'В работе', dt: '2026-02-20 10:00' })),
      // Line 3: invalid UTF-8 (a lone continuation byte and 0xFF inside the text).
      Buffer.from('{"id": 3, "dt": "2020-10-18", "text": "'),
      Buffer.from([0x80, 0xff]),
      Buffer.from(`", "reason": "Не горят фонари", "lat": ${CENTRE.lat}, "lon": ${CENTRE.lon}}\n`),
      Buffer.from('{"id": 4, "text": "обрыв\n'),
      Buffer.from(
        line({ id: 5, dt: '2020-10-18', lat: 'abc', lon: CENTRE.lon, reason: 'Нет такой', text: '  ' }),
      ),
      Buffer.from(good(6, MOSCOW)),
      Buffer.from(good(7, { state: 'Потеряно' })),
      Buffer.from(good(8, { dt: '2021-02-30T10:00:00' })),
      Buffer.from('\n'),
      Buffer.from(good(1)),
      Buffer.from('[1, 2]\n'),
      Buffer.from(good(12, { dt: '2027-01-01T00:00:00Z' })),
      Buffer.from(good(13, { executor: 'Неизвестная контора' })),
      Buffer.from(good(14, { lat: 95, lon: null })),
      Buffer.from(good(15, { reason: 'road-pothole', state: 'Отклонено', executor: null, text: { a: 1 } })),
      Buffer.from(good(16, { reason: 'Яма на дороге', state: 'В работе', executor: '' })),
    ]);

  it('imports the good lines, reports every problem of every bad line, and changes nothing for them', async () => {
    const before = await reportCount();
    const input = file('reports.jsonl.gz', gzipSync(jsonl()));
    const { totals, errors } = await run({ mappingFile: jsonMapping(), input, batchSize: 2 });

    expect(totals).toEqual({ read: 15, imported: 2, skipped: 1, failed: 12 });
    expect(await reportCount()).toBe(before + 2);
    const byLine = new Map(errors.map((e) => [e.line, e]));
    const codes = (n: number) => byLine.get(n)?.errors.map((e) => `${e.path}:${e.code}`);
    expect(codes(3)).toEqual([':import_invalid_encoding']);
    expect(codes(4)).toEqual([':import_malformed_json']);
    expect(codes(5)).toEqual([
      'text:import_missing_field',
      'lat:import_invalid_coordinates',
      'reason:import_unknown_category',
    ]);
    expect(codes(6)).toEqual(['lat:point_outside_region', 'lon:point_outside_region']);
    expect(codes(7)).toEqual(['state:import_unknown_status']);
    expect(codes(8)).toEqual(['dt:import_invalid_date']);
    expect(codes(11)).toEqual([':import_malformed_json']);
    expect(codes(12)).toEqual(['dt:import_date_out_of_range']);
    expect(codes(13)).toEqual(['executor:import_unknown_organisation']);
    expect(codes(14)).toEqual(['lat:import_invalid_coordinates', 'lon:import_missing_field']);
    expect(codes(15)).toEqual(['text:import_invalid_value']);
    expect(codes(16)).toEqual(['executor:import_organisation_required']);
    expect(byLine.get(6)?.externalId).toBe('6');
    // Messages come from the catalogue, in the chosen language (Russian by default).
    expect(byLine.get(3)?.errors[0]?.message).toBe('Строка не в кодировке UTF-8');
    // The error report names lines, fields and codes, never the reports' texts.
    expect(JSON.stringify(errors)).not.toContain('фонарь');
  });

  it('keeps the original date and mapped status, files the district, the author is the import account', async () => {
    const [closed] = await queryRows<{
      id: string;
      status: string;
      created_at: Date;
      district: string;
      organisation: string;
      author: string;
      due_at: Date | null;
    }>(
      t.database.db,
      sql`SELECT r.id, r.status, r.created_at, t.code AS district, o.code AS organisation, u.email AS author, r.due_at
          FROM report_imports ri JOIN reports r ON r.id = ri.report_id JOIN territories t ON t.id = r.territory_id
          JOIN organisations o ON o.id = r.organisation_id JOIN users u ON u.id = r.author_id
          WHERE ri.source = 'old-portal' AND ri.external_id = '1'`,
    );
    expect(closed).toMatchObject({ status: 'closed', district: 'tsentralny', organisation: 'city-light' });
    expect(closed!.author).toBe('import@vmeste.invalid');
    expect(new Date(closed!.created_at).toISOString()).toBe('2020-10-18T11:50:40.817Z');
    expect(closed!.due_at).toBeNull();
    const events = await queryRows<{ type: string; to_status: string; payload: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT type, to_status, payload FROM report_events WHERE report_id = ${closed!.id}`,
    );
    expect(events).toEqual([
      {
        type: 'imported',
        to_status: 'closed',
        payload: expect.objectContaining({ source: 'old-portal', externalId: '1' }),
      },
    ]);
    // Read through the API: the public sees it without its author, staff see the import account.
    const pub = await getReport(t, null, closed!.id);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'closed', author: null });
    const staffView = await getReport(t, staff.moderator, closed!.id);
    expect(staffView.json()).toMatchObject({ author: { email: 'import@vmeste.invalid' } });
    // An imported report in progress owes an answer: its deadline counts from the original date.
    const [working] = await queryRows<{ status: string; due_at: Date }>(
      t.database.db,
      sql`SELECT r.status, r.due_at FROM report_imports ri JOIN reports r ON r.id = ri.report_id
          WHERE ri.source = 'old-portal' AND ri.external_id = '2'`,
    );
    expect(working!.status).toBe('in_progress');
    // 20 February 2026 (Friday) 10:00 MSK + 5 working days (street lights) = 27 February.
    expect(new Date(working!.due_at).toISOString().slice(0, 10)).toBe('2026-02-27');
  });

  it('is idempotent: a re-run skips what is there and fails the same lines', async () => {
    const before = await reportCount();
    const input = file('again.jsonl', jsonl());
    const { totals } = await run({ mappingFile: jsonMapping(), input });
    expect(totals).toEqual({ read: 15, imported: 0, skipped: 3, failed: 12 });
    expect(await reportCount()).toBe(before);
    // A different source is a different system: the same ids are new reports there.
    const other = await run({ mappingFile: jsonMapping({ source: 'other-portal' }), input, limit: 2 });
    expect(other.totals).toEqual({ read: 2, imported: 2, skipped: 0, failed: 0 });
  });

  it('audits each run with its totals', async () => {
    const audits = await queryRows<{ entity_id: string; details: Record<string, number> }>(
      t.database.db,
      sql`SELECT entity_id, details FROM audit_log WHERE action = 'report.import' ORDER BY id`,
    );
    expect(audits.map((a) => [a.entity_id, a.details.imported])).toEqual([
      ['old-portal', 2],
      ['old-portal', 0],
      ['other-portal', 2],
    ]);
  });
});

describe('vmeste import (CSV)', () => {
  const mapping = (columns: Record<string, string> = {}) =>
    file(
      `csv-mapping-${Math.random()}.json`,
      JSON.stringify({
        source: 'city-csv',
        format: 'csv',
        csv: { delimiter: ';' },
        columns: {
          externalId: 'Номер',
          text: 'Текст',
          createdAt: 'Дата',
          lat: 'Широта',
          lon: 'Долгота',
          category: 'Код',
          ...columns,
        },
        defaults: { status: 'closed' },
      }),
    );

  it('parses quoted fields across lines and reports broken rows by line', async () => {
    const csv = Buffer.concat([
      Buffer.from('\uFEFFНомер;Текст;Дата;Широта;Долгота;Код\n'),
      Buffer.from(
        `a-1;"Яма; глубокая\nна две полосы";2021-03-01T08:00:00+03:00;${CENTRE.lat};${CENTRE.lon};road-pothole\n`,
      ),
      Buffer.from(`a-2;Фонарь;2021-03-01;${CENTRE.lat};${CENTRE.lon}\n`),
      Buffer.from('a-3;Текст '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`;2021-03-01;${CENTRE.lat};${CENTRE.lon};street-light\n`),
      Buffer.from(`a-4;Текст "с кавычкой" внутри";2021-03-01;${CENTRE.lat};${CENTRE.lon};street-light\n`),
      Buffer.from(`a-5;Фонарь не горит;01.03.2021;59,93;${CENTRE.lon};lighting\n`),
      Buffer.from(`a-6;Фонарь не горит;2021-03-01;${CENTRE.lat};${CENTRE.lon};street-light\n`),
    ]);
    const { totals, errors } = await run({ mappingFile: mapping(), input: file('reports.csv', csv) });
    expect(totals).toEqual({ read: 6, imported: 2, skipped: 0, failed: 4 });
    const codes = errors.map((e) => [e.line, e.errors.map((x) => `${x.path}:${x.code}`)]);
    expect(codes).toEqual([
      [4, [':import_malformed_csv']],
      [5, ['Текст:import_invalid_encoding']],
      [6, [':import_malformed_csv']],
      [7, ['Дата:import_invalid_date', 'Широта:import_invalid_coordinates', 'Код:import_unknown_category']],
    ]);
    expect(errors[0]?.errors[0]?.message).toContain('expected 6 fields, found 5');
    expect(errors[2]?.errors[0]?.message).toBe('Строка CSV повреждена: INVALID_OPENING_QUOTE');
    const [multi] = await queryRows<{ text: string }>(
      t.database.db,
      sql`SELECT r.text FROM report_imports ri JOIN reports r ON r.id = ri.report_id
          WHERE ri.source = 'city-csv' AND ri.external_id = 'a-1'`,
    );
    expect(multi!.text).toBe('Яма; глубокая\nна две полосы');
  });

  it('imports the documented example (examples/import) as the docs say', async () => {
    const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/import');
    const { totals, errors } = await run({
      mappingFile: path.join(examples, 'reports.mapping.json'),
      input: path.join(examples, 'reports.csv'),
    });
    expect(errors).toEqual([]);
    expect(totals).toEqual({ read: 4, imported: 4, skipped: 0, failed: 0 });
    const rows = await queryRows<{ external_id: string; status: string; organisation: string | null }>(
      t.database.db,
      sql`SELECT ri.external_id, r.status, o.code AS organisation FROM report_imports ri
          JOIN reports r ON r.id = ri.report_id LEFT JOIN organisations o ON o.id = r.organisation_id
          WHERE ri.source = 'district-helpdesk' ORDER BY ri.external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'A-1001', status: 'closed', organisation: 'city-light' },
      { external_id: 'A-1002', status: 'closed', organisation: null },
      { external_id: 'A-1003', status: 'in_progress', organisation: 'eco-operator' },
      { external_id: 'A-1004', status: 'rejected', organisation: null },
    ]);
  });

  it('refuses a mapping whose columns are not in the header, before importing anything', async () => {
    const before = await reportCount();
    const input = file(
      'header.csv',
      `Номер;Текст;Дата;Широта;Долгота;Код\nb-1;Текст;2021-03-01;${CENTRE.lat};${CENTRE.lon};lift\n`,
    );
    const err = await run({ mappingFile: mapping({ lat: 'lat', address: 'Адрес' }), input }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('import_mapping_invalid');
    expect((err as AppError).details.map((d) => d.path)).toEqual(['columns.lat', 'columns.address']);
    expect(await reportCount()).toBe(before);
  });
});

describe('the mapping file', () => {
  it('lists every problem: schema, unknown subject and organisation codes', async () => {
    const before = await reportCount();
    const input = file('any.jsonl', good(100));
    const bad = file(
      'bad-mapping.json',
      JSON.stringify({
        source: 'Old Portal',
        format: 'xml',
        columns: { text: 'text', createdAt: 'dt', lat: 'lat', lon: 'lon', category: 'c', colour: 'x' },
        statuses: { Готово: 'answered' },
      }),
    );
    const err = (await run({ mappingFile: bad, input, locale: 'en' }).catch((e) => e)) as AppError;
    expect(err.code).toBe('import_mapping_invalid');
    expect(err.details.map((d) => d.path).sort()).toEqual(
      ['columns', 'columns.externalId', 'format', 'source', 'statuses.Готово'].sort(),
    );
    const codes = file(
      'codes-mapping.json',
      readFileSync(
        jsonMapping({ categories: { a: 'no-such-subject', b: 'lighting' }, organisations: { x: 'nobody' } }),
      ),
    );
    const err2 = (await run({ mappingFile: codes, input, locale: 'en' }).catch((e) => e)) as AppError;
    expect(err2.details).toEqual([
      { path: 'categories.a', code: 'unknown_category', message: 'No such subject: no-such-subject' },
      { path: 'categories.b', code: 'unknown_category', message: 'No such subject: lighting' },
      { path: 'organisations.x', code: 'unknown_organisation', message: 'No such organisation: nobody' },
    ]);
    const broken = file('broken-mapping.json', '{"source": ');
    const err3 = (await run({ mappingFile: broken, input }).catch((e) => e)) as AppError;
    expect(err3.code).toBe('import_mapping_invalid');
    expect(await reportCount()).toBe(before);
  });
});

describe('the command (vmeste import)', () => {
  it('exits 0 when every line is in, 1 when some failed, and refuses a bad mapping or command line', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const mappingFile = jsonMapping({ source: 'cli-portal' });
      const clean = file('cli-clean.jsonl', good(1) + good(2));
      // The report goes to the current directory by default: tests always name it, inside their folder.
      const report = path.join(dir, 'cli-errors.jsonl');
      const args = (input: string, extra: string[] = []) =>
        parseImportArgs([
          '--mapping',
          mappingFile,
          '--input',
          input,
          '--quiet',
          '--errors',
          report,
          ...extra,
        ]);
      expect(parseImportArgs(['--mapping', mappingFile, '--input', `${dir}/x.jsonl.gz`]).errorsFile).toBe(
        'x.jsonl.errors.jsonl',
      );
      expect(await importInto(deps(), args(clean))).toBe(0);
      expect(log.mock.calls.at(-1)?.[0]).toMatch(
        /^Import: read 2, imported 2, skipped 0 \(already imported\), failed 0/,
      );
      const dirty = file('cli-dirty.jsonl', good(3) + good(4, MOSCOW));
      const dirtyArgs = args(dirty, ['--lang', 'en', '--errors', path.join(dir, 'cli-dirty.errors.jsonl')]);
      expect(await importInto(deps(), dirtyArgs)).toBe(1);
      expect(readFileSync(dirtyArgs.errorsFile, 'utf8')).toContain(
        '"message":"The point is outside the region"',
      );
      const badMapping = file('cli-bad.json', '{"source":"x"}');
      await expect(
        importInto(deps(), parseImportArgs(['--mapping', badMapping, '--input', clean, '--errors', report])),
      ).rejects.toThrow(/Файл сопоставления содержит ошибки:\n {2}format: /);
      expect(() => parseImportArgs(['--input', clean])).toThrow(UsageError);
      expect(() => parseImportArgs(['--input', clean, '--mapping', mappingFile, '--colour'])).toThrow(
        UsageError,
      );
      const unwritable = args(clean, ['--errors', path.join(dir, 'no-such-dir', 'errors.jsonl')]);
      await expect(importInto(deps(), unwritable)).rejects.toThrow(UsageError);
      const missing = args(path.join(dir, 'no-such-file.jsonl'), ['--errors', path.join(dir, 'e.jsonl')]);
      await expect(importInto(deps(), missing)).rejects.toThrow(/ENOENT/);
      expect(() => parseImportArgs(['--mapping', mappingFile, '--input', clean, '--batch', '0'])).toThrow(
        '--batch must be an integer from 1 to 5000',
      );
    } finally {
      log.mockRestore();
    }
  });
});
