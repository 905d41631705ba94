import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import type { LineReport } from '../../src/modules/import/import.service.ts';
import { runImport } from '../../src/modules/import/import.service.ts';
import { openInput, readJsonlRecords } from '../../src/modules/import/import-sources.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { scaled } from '../support/timeouts.ts';

// The shared data sit next to the repository (never inside it): ../shared/data from the repository root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(repoRoot, '../shared/data/spb-appeals/train.jsonl.gz');
const MAPPING = path.resolve(repoRoot, 'examples/import/spb-appeals.mapping.json');
const LINES = 3000;

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-import-real-'));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`import of the first ${LINES} real St Petersburg reports with the example mapping`, () => {
  it(
    'imports them into the districts the portal named, with their dates, and a re-run adds nothing',
    async () => {
      expect(existsSync(DATA), `the shared data file must be present at ${DATA}`).toBe(true);
      const deps = { db: t.database.db, clock: t.clock, config: { regionToleranceMeters: 3000 } };
      const errorsFile = path.join(dir, 'errors.jsonl');
      const first = await runImport(deps, { mappingFile: MAPPING, input: DATA, errorsFile, limit: LINES });
      const errors = readFileSync(errorsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LineReport);
      expect(first.read).toBe(LINES);
      expect(first.imported + first.skipped + first.failed).toBe(LINES);
      // Every subject of the file is mapped; what may fail is a point too far outside the boundaries.
      expect(first.failed).toBe(errors.length);
      expect(first.failed).toBeLessThan(LINES * 0.01);
      for (const e of errors)
        expect(e.errors.map((x) => x.code)).toEqual(['point_outside_region', 'point_outside_region']);
      expect(first.imported).toBeGreaterThan(LINES * 0.98);

      // The district found from the coordinates agrees with the portal's own district for nearly all.
      const source = new Map<string, { district: string; dt: string }>();
      for await (const r of readJsonlRecords(await openInput(DATA))) {
        if ('fields' in r)
          source.set(String(r.fields.id), { district: String(r.fields.district), dt: String(r.fields.dt) });
        if (source.size >= LINES) break;
      }
      const rows = await queryRows<{
        external_id: string;
        district: string;
        created_at: Date;
        status: string;
      }>(
        t.database.db,
        sql`SELECT ri.external_id, t.name_ru AS district, r.created_at, r.status
          FROM report_imports ri JOIN reports r ON r.id = ri.report_id JOIN territories t ON t.id = r.territory_id
          WHERE ri.source = 'spb-appeals'`,
      );
      expect(rows.length).toBe(first.imported);
      const agree = rows.filter(
        (r) => source.get(r.external_id)?.district === r.district.replace(/ район$/, ''),
      ).length;
      // Kronshtadt is named after the town in the boundaries file; the rest must match.
      expect(agree / rows.length).toBeGreaterThan(0.95);
      const sample = rows[0]!;
      // The portal's local time (Moscow, +03:00) is kept as the report's date.
      const dt = source.get(sample.external_id)!.dt;
      expect(new Date(sample.created_at).getTime()).toBe(new Date(`${dt.slice(0, 23)}+03:00`).getTime());
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['closed']));

      const again = await runImport(deps, { mappingFile: MAPPING, input: DATA, errorsFile, limit: LINES });
      expect(again).toEqual({
        read: LINES,
        imported: 0,
        skipped: first.imported + first.skipped,
        failed: first.failed,
      });
    },
    scaled(120_000),
  );
});
