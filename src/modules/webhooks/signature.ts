import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature receivers check: HMAC-SHA256 over `${timestamp}.${body}` with the endpoint's
 * secret, sent as `X-Vmeste-Signature: sha256=<hex>` next to `X-Vmeste-Timestamp` (Unix seconds).
 * Signing the timestamp with the body lets a receiver refuse replays older than a few minutes.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type VerifyResult = 'ok' | 'bad_signature' | 'stale_timestamp';

/** What a receiver does (documented in docs/webhooks.md; the tests' receiver uses it too). */
export function verifySignature(
  secret: string,
  header: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): VerifyResult {
  const ts = Number(header.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return 'stale_timestamp';
  const expected = Buffer.from(signPayload(secret, ts, body));
  const given = Buffer.from(header.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
}
