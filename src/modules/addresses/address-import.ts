import { readFile } from 'node:fs/promises';
import type { Db } from '../../db/connection.ts';
import { type LineProblem, openInput, readCsvRecords, type SourceRecord } from '../import/index.ts';
import * as repo from './addresses.repo.ts';
import { houseNumber, parseAddress } from './normalize.ts';

/**
 * Import of a region's address registry (docs/addresses.md), with the report importer's conventions:
 * CSV (a header row; UTF-8; `,` separated) or GeoJSON (a FeatureCollection of Points), each record
 * an address with its id in the source, its text — whole (`address`) or in parts (`street`, `house`,
 * `building`, as a ГАР/ФИАС extract gives them) — and its point. Bad lines are reported with every
 * problem and skipped; good lines are written in batches, a re-import of the same source updates.
 */
export type AddressImportTotals = { read: number; imported: number; failed: number };
export type AddressLineError = { line: number; problems: LineProblem[] };

const BATCH = 1000;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** One record to a registry row, or the problems that keep it out. */
export function addressFromFields(
  source: string,
  f: Record<string, unknown>,
): { row: repo.AddressInput } | { problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const externalId = text(f.id ?? f.objectguid ?? f.guid);
  if (!externalId) problems.push({ path: 'id', code: 'import_missing_field' });
  const parts = [text(f.street), text(f.house) && `дом ${text(f.house)}`, text(f.building)].filter(Boolean);
  const address = text(f.address) || parts.join(', ');
  if (!address) problems.push({ path: 'address', code: 'import_missing_field' });
  const lat = Number(text(f.lat));
  const lon = Number(text(f.lon));
  if (
    !text(f.lat) ||
    !text(f.lon) ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  )
    problems.push({ path: 'lat', code: 'import_invalid_coordinates' });
  const parsed = parseAddress(address);
  if (address && !parsed.street)
    problems.push({ path: 'address', code: 'import_invalid_value', detail: 'no street' });
  if (problems.length > 0) return { problems };
  return {
    row: {
      source,
      externalId,
      address: displayAddress(address),
      streetKey: parsed.street,
      house: parsed.house,
      houseNumber: houseNumber(parsed.house),
      building: parsed.building,
      lat,
      lon,
    },
  };
}

/** The address as people read it: without the city prefix every line of a city's registry repeats. */
export function displayAddress(address: string): string {
  return address.replace(/^\s*(г\.|город)\s*Санкт-Петербург\s*,\s*/i, '').trim();
}

async function* geojsonRecords(file: string): AsyncGenerator<SourceRecord> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as { features?: unknown[] };
  let line = 0;
  for (const feature of doc.features ?? []) {
    line++;
    const f = feature as {
      properties?: Record<string, unknown>;
      geometry?: { type?: string; coordinates?: unknown };
    };
    const coords =
      f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [];
    yield { line, fields: { ...(f.properties ?? {}), lon: coords[0], lat: coords[1] } };
  }
}

export async function importAddresses(
  db: Db,
  file: string,
  opts: { source: string; onError?: (e: AddressLineError) => void },
): Promise<AddressImportTotals> {
  const totals: AddressImportTotals = { read: 0, imported: 0, failed: 0 };
  const records = /\.(geo)?json$/i.test(file)
    ? geojsonRecords(file)
    : readCsvRecords(await openInput(file), { delimiter: ',', quote: '"' });
  let batch: repo.AddressInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // One statement may not write a row twice: the last line of an id repeated in a batch wins.
    const unique = [...new Map(batch.map((r) => [r.externalId, r])).values()];
    totals.imported += await repo.upsertAddresses(db, unique);
    batch = [];
  };
  for await (const record of records) {
    totals.read++;
    const result =
      'fields' in record ? addressFromFields(opts.source, record.fields) : { problems: record.problems };
    if ('problems' in result) {
      totals.failed++;
      opts.onError?.({ line: record.line, problems: result.problems });
      continue;
    }
    batch.push(result.row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await repo.finishAddressImport(db);
  return totals;
}
