import http from 'node:http';
import { type CpuSample, cpuPerRequest } from './cpu.ts';

export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  statusCounts: Record<string, number>;
  /** CPU per request during the measured phase, when the caller gave a sampler (bench/cpu.ts). */
  cpu?: CpuSample;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Closed-loop load: `concurrency` workers each send the next request as soon as the previous one
 * answers, for `seconds` (after a warm-up whose results are discarded). Bounded in count and time.
 */
export async function runLoad(opts: {
  port: number;
  /** The request's path, or the i-th request's path. */
  path: string | ((i: number) => string);
  /** POST (the default) and PUT send `body(i)`; GET sends no body. */
  method?: 'GET' | 'POST' | 'PUT';
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  maxRequests: number;
  headers: Record<string, string>;
  body?: (i: number) => object;
  idempotencyKey?: (i: number) => string;
  /** Headers of the i-th request on top of `headers` (e.g. each resident's own session). */
  requestHeaders?: (i: number) => Record<string, string>;
  /** Twice a second: requests sent so far and seconds since the start (warm-up included). */
  onProgress?: (sent: number, elapsedSeconds: number) => void;
  /** Reads the CPU totals of the server, the database and this process (bench/cpu.ts). */
  cpu?: () => CpuSample;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  let counter = 0;
  const send = (i: number) =>
    new Promise<number>((resolve) => {
      const method = opts.method ?? 'POST';
      const payload = method !== 'GET' && opts.body ? JSON.stringify(opts.body(i)) : '';
      const req = http.request(
        {
          host: '127.0.0.1',
          port: opts.port,
          path: typeof opts.path === 'string' ? opts.path : opts.path(i),
          method,
          agent,
          headers: {
            ...opts.headers,
            ...opts.requestHeaders?.(i),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey(i) } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });

  const phase = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    const statusCounts: Record<string, number> = {};
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const worker = async () => {
      while (performance.now() < deadline && counter < opts.maxRequests) {
        const i = counter++;
        const t0 = performance.now();
        const status = await send(i);
        if (record) {
          latencies.push(performance.now() - t0);
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    return { latencies, statusCounts, elapsed: (performance.now() - started) / 1000 };
  };

  const begun = performance.now();
  const ticker = setInterval(() => opts.onProgress?.(counter, (performance.now() - begun) / 1000), 500);
  let measured: Awaited<ReturnType<typeof phase>>;
  let cpuBefore: CpuSample | undefined;
  let cpuAfter: CpuSample | undefined;
  try {
    await phase(opts.warmupSeconds, false);
    cpuBefore = opts.cpu?.();
    measured = await phase(opts.seconds, true);
    cpuAfter = opts.cpu?.();
  } finally {
    clearInterval(ticker);
  }
  const { latencies, statusCounts, elapsed } = measured;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statusCounts)
    .filter(([s]) => s.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    errors: latencies.length - ok,
    seconds: elapsed,
    throughput: ok / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statusCounts,
    ...(cpuBefore && cpuAfter ? { cpu: cpuPerRequest(cpuBefore, cpuAfter, latencies.length) } : {}),
  };
}
