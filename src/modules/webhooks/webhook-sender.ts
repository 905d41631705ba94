import { performance } from 'node:perf_hooks';

/** How much of a receiver's answer is read: enough to log, never a huge body into memory. */
export const RESPONSE_READ_LIMIT = 4096;
/** How much of it is kept in the delivery log. */
const EXCERPT_LIMIT = 512;

export type SendRequest = { url: string; headers: Record<string, string>; body: string; timeoutMs: number };

export type SendResult = {
  ok: boolean;
  statusCode: number | null;
  /** A short machine-readable reason when not ok: timeout, redirect_not_followed, http_500, ECONNREFUSED… */
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
};

/**
 * One POST. Redirects are not followed (a 3xx is a failure: the registered URL is the contract, and
 * following would let a receiver bounce the signed body elsewhere); the whole exchange, body
 * included, is bounded by the timeout; at most RESPONSE_READ_LIMIT bytes of the answer are read.
 * Only 2xx counts as delivered. Never throws.
 */
export async function postWebhook(req: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const excerpt = await readLimited(res);
    const ok = res.status >= 200 && res.status < 300;
    const error = ok
      ? null
      : res.status >= 300 && res.status < 400
        ? 'redirect_not_followed'
        : `http_${res.status}`;
    return { ok, statusCode: res.status, error, durationMs: elapsed(), responseExcerpt: excerpt };
  } catch (err) {
    const error = controller.signal.aborted ? 'timeout' : networkError(err);
    return { ok: false, statusCode: null, error, durationMs: elapsed(), responseExcerpt: null };
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_READ_LIMIT) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  // The rest is not wanted: cancelling closes the connection instead of draining a huge body.
  await reader.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_LIMIT).toString('utf8');
  return text.length > 0 ? text : null;
}

function networkError(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.slice(0, 200);
  return err instanceof Error ? err.message.slice(0, 200) : 'network_error';
}
