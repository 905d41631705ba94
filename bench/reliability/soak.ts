/**
 * `npm run bench -- soak [--minutes 10] [--rate 60] [--workers 3]` (docs/reliability.md): mixed
 * traffic at a fixed arrival rate over `vmeste serve --workers N` on PostgreSQL — 70 % public reads of
 * the map and the list, 20 % report pages, 8 % new reports (a quarter of them with a photo), 2 % staff
 * actions — reporting per minute the latency percentiles, the error rate and each process's memory.
 * Arrivals do not wait for answers (an open loop): a slow server meets the same demand, not less.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '../../src/db/connection.ts';
import { createRng } from '../../src/demo/prng.ts';
import { generateIntakeBodies } from '../../src/demo/report-generator.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { dropStore, freshStore, nodeEnv, openStore, startNode, stopNode } from './nodes.ts';
import { freePort } from './ports.ts';

const PASSWORD = 'soak-test-password-1';
/** The city's box: the map and list reads ask for screens inside it. */
const CITY = { west: 30.1, south: 59.8, east: 30.55, north: 60.05 };

type Kind = 'map' | 'list' | 'page' | 'create' | 'create-photo' | 'action';
type Sample = { kind: Kind; ms: number; ok: boolean };
type Minute = { samples: Sample[]; rss: Map<number, number> };

export type SoakOptions = { minutes: number; rate: number; workers: number; seed: number };

export async function runSoakBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '60' },
      workers: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20261202' },
    },
  });
  const o: SoakOptions = {
    minutes: Number(values.minutes),
    rate: Number(values.rate),
    workers: Number(values.workers),
    seed: Number(values.seed),
  };
  if (!process.env.DATABASE_URL)
    throw new Error('The soak runs on PostgreSQL: set DATABASE_URL (it creates and drops its own database)');
  const result = await runSoak(o, (line) => console.log(`${new Date().toISOString()} ${line}`));
  console.log(JSON.stringify({ scenario: 'soak', ...o, ...result }));
}

export async function runSoak(o: SoakOptions, log: (line: string) => void) {
  const store = await freshStore('postgres', `vmeste_soak_${process.pid}`);
  const port = await freePort();
  try {
    const { categories } = await prepare(store);
    const node = await startNode(nodeEnv(store, { REQUIRE_EMAIL_CONFIRMATION: 'false' }), port, [
      '--workers',
      String(o.workers),
    ]);
    const base = `http://127.0.0.1:${port}`;
    log(`${o.workers} workers up in ${node.startMs} ms; ${o.rate} requests/s for ${o.minutes} min`);
    const resident = await signIn(base, 'soak-resident@example.org');
    const moderator = await signIn(base, 'soak-moderator@example.org');
    const bodies = generateIntakeBodies(20_000, o.seed);
    const photo = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 120, b: 160 } },
    })
      .jpeg()
      .toBuffer();

    // Something to read: 100 reports, 80 of them accepted (public).
    let bodyIndex = 0;
    const create = async (withPhoto: boolean) => {
      const b = bodies[bodyIndex++ % bodies.length]!;
      const mediaIds: string[] = [];
      if (withPhoto) {
        const form = new FormData();
        form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
        const up = await fetch(`${base}/api/v1/media`, { method: 'POST', headers: resident, body: form });
        if (up.status !== 201) return up.status;
        mediaIds.push(((await up.json()) as { id: string }).id);
      }
      const res = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { ...resident, 'content-type': 'application/json' },
        body: JSON.stringify({
          categoryId: categories.get(b.categoryCode),
          text: b.text,
          lat: b.lat,
          lon: b.lon,
          address: b.address,
          mediaIds,
        }),
      });
      if (res.status === 201) submitted.push(((await res.json()) as { id: string }).id);
      else await res.arrayBuffer();
      return res.status;
    };
    const submitted: string[] = [];
    const published: string[] = [];
    const accept = async () => {
      const id = submitted.shift();
      if (!id) return 200;
      const res = await fetch(`${base}/api/v1/reports/${id}/actions/accept`, {
        method: 'POST',
        headers: { ...moderator, 'content-type': 'application/json' },
        body: '{}',
      });
      await res.arrayBuffer();
      if (res.ok) published.push(id);
      return res.status;
    };
    for (let i = 0; i < 100; i++) await create(false);
    for (let i = 0; i < 80; i++) await accept();
    log(`${published.length} public reports to read, ${submitted.length} waiting for moderation`);

    const rng = createRng(o.seed);
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      return res.status;
    };
    const screen = () => {
      const w = 0.05 + rng.next() * 0.2;
      const west = CITY.west + rng.next() * (CITY.east - CITY.west - w);
      const south = CITY.south + rng.next() * (CITY.north - CITY.south - w / 2);
      return `${west.toFixed(4)},${south.toFixed(4)},${(west + w).toFixed(4)},${(south + w / 2).toFixed(4)}`;
    };
    const request = (kind: Kind): Promise<number> => {
      switch (kind) {
        case 'map':
          return get(`/api/v1/map/clusters?bbox=${screen()}&zoom=${11 + Math.floor(rng.next() * 4)}`);
        case 'list':
          return get(`/api/v1/reports?pageSize=25&page=${1 + Math.floor(rng.next() * 3)}`);
        case 'page':
          return get(`/api/v1/reports/${published[Math.floor(rng.next() * published.length)]}`);
        case 'create':
          return create(false);
        case 'create-photo':
          return create(true);
        case 'action':
          return accept();
      }
    };
    const pick = (): Kind => {
      const x = rng.next();
      if (x < 0.35) return 'map';
      if (x < 0.7) return 'list';
      if (x < 0.9) return 'page';
      if (x < 0.96) return 'create';
      if (x < 0.98) return 'create-photo';
      return 'action';
    };

    const minutes: Minute[] = [];
    const pids = processTree(node.child.pid!);
    const memory = new Map<number, { first: number; last: number; peak: number }>();
    const sampleMemory = (into: Map<number, number>) => {
      for (const pid of pids()) {
        const rss = rssMiB(pid);
        if (rss === null) continue;
        into.set(pid, rss);
        const m = memory.get(pid);
        if (m) Object.assign(m, { last: rss, peak: Math.max(m.peak, rss) });
        else memory.set(pid, { first: rss, last: rss, peak: rss });
      }
    };
    const started = performance.now();
    const end = started + o.minutes * 60_000;
    const inFlight = new Set<Promise<void>>();
    let sent = 0;
    let current: Minute = { samples: [], rss: new Map() };
    sampleMemory(current.rss);
    while (performance.now() < end) {
      const due = started + (sent * 1000) / o.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() >= end) break;
      const minuteIndex = Math.floor((performance.now() - started) / 60_000);
      if (minuteIndex >= minutes.length + 1) {
        sampleMemory(current.rss);
        minutes.push(current);
        log(minuteLine(minutes.length, current));
        current = { samples: [], rss: new Map() };
      }
      const kind = pick();
      const bucket = current;
      const t0 = performance.now();
      const p = request(kind)
        .then(
          (status) => status < 500,
          () => false,
        )
        .then((ok) => {
          bucket.samples.push({ kind, ms: performance.now() - t0, ok });
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      sent++;
    }
    await Promise.all(inFlight);
    sampleMemory(current.rss);
    minutes.push(current);
    log(minuteLine(minutes.length, current));
    const drain = await stopNode(node);

    const all = minutes.flatMap((m) => m.samples);
    const errors = all.filter((s) => !s.ok).length;
    const processes = [...memory.entries()].map(([pid, m]) => ({ pid, ...m }));
    // Growth is judged from the end of the first minute (caches, JIT and pools warmed up) to the end.
    const afterWarmUp = minutes[0]?.rss ?? new Map<number, number>();
    for (const p of processes) {
      const warm = afterWarmUp.get(p.pid) ?? p.first;
      log(
        `process ${p.pid}: RSS ${p.first} MiB at start, ${warm} MiB after the first minute, ${p.last} MiB at the end (${p.last > warm * 1.25 ? 'GROWING' : 'flat'}), peak ${p.peak} MiB`,
      );
    }
    const summary = {
      requests: all.length,
      errors,
      errorRate: all.length ? errors / all.length : 0,
      perMinute: minutes.map((m, i) => ({ minute: i + 1, ...percentiles(m.samples) })),
      byKind: Object.fromEntries(
        (['map', 'list', 'page', 'create', 'create-photo', 'action'] as Kind[]).map((k) => [
          k,
          percentiles(all.filter((s) => s.kind === k)),
        ]),
      ),
      processes,
      drain,
    };
    log(
      `${summary.requests} requests, ${errors} errors (${(summary.errorRate * 100).toFixed(2)} %); SIGTERM exit ${drain.how} in ${drain.ms} ms`,
    );
    return summary;
  } finally {
    await dropStore(store);
  }
}

function percentiles(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (p: number) =>
    ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!) : 0;
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

function minuteLine(n: number, m: Minute): string {
  const p = percentiles(m.samples);
  const rss = [...m.rss.values()].map((v) => `${v}`).join('/');
  return `minute ${n}: ${p.requests} requests, ${p.errors} errors, p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms; RSS MiB ${rss}`;
}

/** The node's process and its workers (children), looked up afresh: a worker may be replaced. */
function processTree(root: number): () => number[] {
  return () => {
    const children = readFileSafe(`/proc/${root}/task/${root}/children`)
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [root, ...children];
  };
}

function rssMiB(pid: number): number | null {
  const line = readFileSafe(`/proc/${pid}/status`)
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : null;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A resident and a moderator, written directly (sign-up may ask for an e-mail confirmation). */
async function prepare(store: Awaited<ReturnType<typeof freshStore>>) {
  const database = await openStore(store);
  try {
    const hash = await hashPassword(PASSWORD);
    await database.db.execute(
      sql`INSERT INTO users (email, password_hash, name, role) VALUES
            ('soak-resident@example.org', ${hash}, 'Soak Resident', 'resident'),
            ('soak-moderator@example.org', ${hash}, 'Soak Moderator', 'moderator')`,
    );
    const rows = await queryRows<{ id: string; code: string }>(
      database.db,
      sql`SELECT id, code FROM categories WHERE parent_id IS NOT NULL AND is_active`,
    );
    return { categories: new Map(rows.map((r) => [r.code, r.id])) };
  } finally {
    await database.close();
  }
}

async function signIn(base: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}
