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
 * its first report gave (source "spb-portal", © their publishers, see docs/addresses.md), or the
 * small bundled extract when that file is absent. Returns the source used and the rows written.
 */
export async function seedDemoAddresses(
  db: Db,
  file = SHARED_REPORTS_FILE,
): Promise<{ source: string; count: number }> {
  const rows: repo.AddressInput[] = [];
  if (existsSync(file)) {
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
  } else {
    DEMO_ADDRESS_EXTRACT.forEach((a, i) => {
      const got = addressFromFields('demo-extract', { id: String(i + 1), ...a });
      if ('row' in got) rows.push(got.row);
    });
  }
  let count = 0;
  for (let i = 0; i < rows.length; i += 1000)
    count += await repo.upsertAddresses(db, rows.slice(i, i + 1000));
  await repo.analyzeAddresses(db);
  return { source: existsSync(file) ? 'spb-portal' : 'demo-extract', count };
}
