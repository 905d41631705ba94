import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processIsAlive } from '../lib/process-alive.ts';
import { ConfigError } from '../server/config.ts';

/**
 * The embedded database belongs to one process: PGlite takes no lock of its own, and two processes
 * writing one data directory leave it unreadable. `serve` takes this lock first and refuses to start
 * while another live process holds it. A lock left by a killed process (its pid is gone) is taken
 * over: the directory itself is fine, PostgreSQL's crash recovery replays its write-ahead log.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'vmeste.pid');
  let holder: number | null = null;
  try {
    holder = Number(readFileSync(file, 'utf8').trim()) || null;
  } catch {
    holder = null;
  }
  if (holder !== null && holder !== process.pid && processIsAlive(holder))
    throw new ConfigError(
      `The embedded database in ${dir} is in use by process ${holder}. Stop that process first; ` +
        'several app processes need PostgreSQL (DATABASE_URL).',
    );
  writeFileSync(file, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}
