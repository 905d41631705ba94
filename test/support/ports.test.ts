import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../bench/reliability/ports.ts';

let claims: string;
beforeEach(() => {
  claims = mkdtempSync(path.join(os.tmpdir(), 'vmeste-claims-'));
  vi.stubEnv('VMESTE_PORT_CLAIMS', claims);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(claims, { recursive: true, force: true });
});

describe('the ports handed to the nodes tests start', () => {
  it('never hands the same port twice, though nothing listens on it yet', async () => {
    // The same draw twice, as two test processes may draw: the second must not get the first's port,
    // which its node will bind only once it has started.
    const random = Math.random;
    const draws = [0.25, 0.25];
    vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? random());
    const first = await freePort();
    const second = await freePort();
    expect(second).not.toBe(first);
    expect(
      readdirSync(claims)
        .map((name) => Number(name.split('.')[0]))
        .sort(),
    ).toEqual([first, second].sort());
  });
});
