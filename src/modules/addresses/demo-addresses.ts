import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../../db/connection.ts';
import { openInput } from '../import/index.ts';
import { addressFromFields } from './address-import.ts';
import * as repo from './addresses.repo.ts';
import { DEMO_ADDRESS_EXTRACT } from './demo-extract.ts';

/** The shared reports file (never inside the repository): ../shared/data from the project's root. */
export const SHARED_REPORTS_FILE = path.resolve(process.cwd(), '../shared/data/spb-appeals/train.jsonl.gz');

/**
 * The demo's address registry: every distinct address of the shared real reports with the point
 * its first report gave (source "spb-portal", see docs/addresses.md) when that file is present, and
 * the small bundled extract's addresses it lacks. Returns the main source used and the rows written.
 */
export async function seedDemoAddresses(
  db: Db,
  file = SHARED_REPORTS_FILE,
): Promise<{ source: string; count: number }> {
  const rows: repo.AddressInput[] = [];
  const shared = existsSync(file);
  if (shared) {
    const seen = new Set<string>();
    for await (const line of createInterface({
      input: await openInput(file),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { address?: unknown; lat?: unknown; lon?: unknown };
      if (typeof r.address !== 'string' || !r.address.trim() || seen.has(r.address)) continue;
      seen.add(r.address);
      const id = createHash('sha1').update(r.address).digest('hex').slice(0, 16);
      const got = addressFromFields('spb-portal', { id, address: r.address, lat: r.lat, lon: r.lon });
      if ('row' in got) rows.push(got.row);
    }
  }
  // The bundled extract always: landmarks the reports never named (Невский проспект, дом 1) fill in.
  const known = new Set(rows.map((r) => r.address));
  DEMO_ADDRESS_EXTRACT.forEach((a, i) => {
    const got = addressFromFields('demo-extract', { id: String(i + 1), ...a });
    if ('row' in got && !known.has(got.row.address)) rows.push(got.row);
  });
  let count = 0;
  for (let i = 0; i < rows.length; i += 1000)
    count += await repo.upsertAddresses(db, rows.slice(i, i + 1000));
  await repo.finishAddressImport(db);
  return { source: shared ? 'spb-portal' : 'demo-extract', count };
}
