import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent per request, by whom: the server under test, the database servers and the load
 * generator (this process). Throughput on a shared 2-core machine drifts by a third within minutes;
 * the CPU a request costs does not, so comparing two versions by it needs far fewer runs
 * (docs/performance.md). Read from /proc (Linux); elsewhere the sample is empty and nothing is printed.
 */
export type CpuSample = { server: number; database: number; loadGenerator: number };

/** Linux counts a process's CPU in clock ticks of 1/100 s (USER_HZ, 100 on every common build). */
const MS_PER_TICK = 10;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null when gone. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** User + system CPU of one process in milliseconds (utime, stime), or null when it is gone. */
function processCpuMs(pid: number | string): number | null {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * MS_PER_TICK : null;
}

/**
 * Every PostgreSQL process on the machine, and the backends that have ended (a pool closing an idle
 * connection, an autovacuum worker): a postmaster counts its ended children's CPU (cutime, cstime)
 * once it has reaped them, so the total only grows.
 */
function databaseCpuMs(): number {
  const postgres = new Map<string, string[]>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const f = statFields(pid);
    if (f) postgres.set(pid, f);
  }
  let totalTicks = 0;
  for (const f of postgres.values()) {
    totalTicks += Number(f[11]) + Number(f[12]);
    // A postmaster (its parent is not a postgres process): add its reaped children's CPU.
    if (!postgres.has(f[1]!)) totalTicks += Number(f[13]) + Number(f[14]);
  }
  return totalTicks * MS_PER_TICK;
}

/** A function that reads the three CPU totals now; undefined when /proc is not there. */
export function cpuSampler(serverPid: number | undefined): (() => CpuSample) | undefined {
  if (serverPid === undefined || processCpuMs(serverPid) === null) return undefined;
  return () => {
    const own = process.cpuUsage();
    return {
      server: processCpuMs(serverPid) ?? 0,
      database: databaseCpuMs(),
      loadGenerator: (own.user + own.system) / 1000,
    };
  };
}

/** The CPU per request between two samples, in milliseconds. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number): CpuSample {
  const per = (k: keyof CpuSample) => (requests > 0 ? (after[k] - before[k]) / requests : 0);
  return { server: per('server'), database: per('database'), loadGenerator: per('loadGenerator') };
}

export function formatCpu(c: CpuSample): string {
  return `CPU/req server ${c.server.toFixed(3)} + db ${c.database.toFixed(3)} + load ${c.loadGenerator.toFixed(3)} ms`;
}
