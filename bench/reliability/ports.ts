import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Claims on ports handed out, shared by every process of this machine (every lane of a CI run);
 * VMESTE_PORT_CLAIMS names another directory (a test of the claims).
 */
const claimsDir = () => process.env.VMESTE_PORT_CLAIMS || path.join(os.tmpdir(), 'vmeste-port-claims');
/** A claim holds for the window it was made in and the next one: longer than any node's life in a test. */
const CLAIM_WINDOW_MS = 30 * 60_000;

/**
 * Claims `port` for this process unless another process claimed it in this window or the last one.
 * A probe alone is not enough: a node binds its port only once started, up to tens of seconds later
 * on a loaded machine, and in between another test process probed the same port, found it free and
 * started its own node there (EADDRINUSE in a CI run: two lanes drew the same port).
 */
function claim(port: number): boolean {
  const dir = claimsDir();
  mkdirSync(dir, { recursive: true });
  const window = Math.floor(Date.now() / CLAIM_WINDOW_MS);
  const mine = new Set([`${port}.${window}`, `${port}.${window - 1}`]);
  const claimed = readdirSync(dir);
  if (claimed.some((name) => mine.has(name))) return false;
  try {
    writeFileSync(path.join(dir, `${port}.${window}`), String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  // Claims of earlier windows bind nobody any more.
  for (const name of claimed) {
    if (Number(name.split('.')[1]) < window - 1) rmSync(path.join(dir, name), { force: true });
  }
  return true;
}

/**
 * A port nobody listens on right now and no other process of this machine was given lately, for a
 * node started by a scenario or a test. Chosen below the kernel's ephemeral range (32768+): a port the
 * kernel hands out for `listen(0)` is free only until an outgoing connection (a load generator's, a
 * database client's) takes it as its local port in the seconds before the node binds it — then the
 * node cannot listen (seen: `serve --workers 3` whose workers kept failing to bind, in a loaded CI run).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free && claim(port)) return port;
  }
  throw new Error('no free port found below 32768');
}
