import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../lib/validation.ts';
import { signPayload, verifySignature } from './signature.ts';
import { backoffMs } from './webhook-dispatch.ts';
import { subscriptionKeys, webhookEventFor, webhookEvents } from './webhook-events.ts';
import { createEndpointSchema } from './webhooks.schemas.ts';

describe('webhook event names', () => {
  it('maps known timeline types and falls back for types nobody mapped yet', () => {
    expect(webhookEventFor({ type: 'submitted', fromStatus: null, toStatus: 'submitted' })).toBe(
      'report.created',
    );
    expect(
      webhookEventFor({ type: 'answer_published', fromStatus: 'answer_review', toStatus: 'answered' }),
    ).toBe('report.answer_published');
    expect(webhookEventFor({ type: 'something_new', fromStatus: 'assigned', toStatus: 'in_progress' })).toBe(
      'report.status_changed',
    );
    expect(webhookEventFor({ type: 'something_new', fromStatus: 'assigned', toStatus: 'assigned' })).toBe(
      'report.updated',
    );
    expect(webhookEventFor({ type: 'commented', fromStatus: null, toStatus: null })).toBe('report.updated');
    expect(webhookEventFor({ type: 'duplicate_of', fromStatus: 'submitted', toStatus: 'merged' })).toBe(
      'report.merged',
    );
  });

  it('lets status followers match every status change, not a creation', () => {
    expect(
      subscriptionKeys({ type: 'answer_published', fromStatus: 'answer_review', toStatus: 'answered' }),
    ).toEqual(['report.answer_published', 'report.status_changed']);
    expect(subscriptionKeys({ type: 'submitted', fromStatus: null, toStatus: 'submitted' })).toEqual([
      'report.created',
    ]);
    expect(subscriptionKeys({ type: 'started', fromStatus: 'assigned', toStatus: 'in_progress' })).toEqual([
      'report.status_changed',
    ]);
  });
});

describe('signature', () => {
  const secret = 'whsec_0123456789abcdef0123456789abcdef';
  const body = '{"event":"report.created"}';

  it('is HMAC-SHA256 over timestamp.body, checked with a tolerance for replays', () => {
    const sig = signPayload(secret, 1_772_442_000, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    const header = { signature: sig, timestamp: '1772442000' };
    expect(verifySignature(secret, header, body, 1_772_442_100)).toBe('ok');
    expect(verifySignature(secret, header, `${body} `, 1_772_442_100)).toBe('bad_signature');
    expect(verifySignature(`${secret}x`, header, body, 1_772_442_100)).toBe('bad_signature');
    // The same request replayed ten minutes later, or with the timestamp swapped, is refused.
    expect(verifySignature(secret, header, body, 1_772_442_600)).toBe('stale_timestamp');
    expect(verifySignature(secret, { ...header, timestamp: '1772442599' }, body, 1_772_442_600)).toBe(
      'bad_signature',
    );
    expect(verifySignature(secret, { signature: undefined, timestamp: undefined }, body, 0)).toBe(
      'stale_timestamp',
    );
  });
});

describe('back-off', () => {
  it('doubles from the base up to the cap', () => {
    const s = { backoffBaseMs: 30_000, backoffCapMs: 3_600_000 };
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => backoffMs(n, s))).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});

describe('endpoint registration input', () => {
  it('lists every problem: URL scheme, unknown event, short secret', () => {
    const r = createEndpointSchema.safeParse({
      url: 'ftp://example.org/x',
      events: ['report.created', 'nope'],
      secret: 'short',
    });
    expect(r.success).toBe(false);
    const issues = r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['url', 'vmeste:webhook_url_scheme'],
        ['events.1', 'vmeste:webhook_unknown_event'],
        ['secret', expect.any(String)],
      ]),
    );
  });

  it('refuses credentials, fragments and non-URLs; deduplicates events', () => {
    const msg = (url: string) =>
      createEndpointSchema.safeParse({ url, events: ['report.created'] }).error?.issues[0]?.message;
    expect(msg('https://user:pw@example.org/hook')).toBe('vmeste:webhook_url_credentials');
    expect(msg('https://example.org/hook#x')).toBe('vmeste:webhook_url_fragment');
    expect(msg('not a url')).toBe('vmeste:webhook_url_invalid');
    expect(msg('javascript:alert(1)')).toBe('vmeste:webhook_url_scheme');
    const ok = createEndpointSchema.parse({
      url: ' https://example.org/hook ',
      events: ['report.created', 'report.created'],
    });
    expect(ok).toMatchObject({
      url: 'https://example.org/hook',
      events: ['report.created'],
      description: '',
    });
  });
});

describe('the unknown-event message', () => {
  it('lists every event name, in both languages', () => {
    const issues =
      createEndpointSchema.safeParse({ url: 'https://example.org/h', events: ['x'] }).error?.issues ?? [];
    for (const locale of ['ru', 'en'] as const) {
      const message = describeIssues(issues, locale)[0]?.message ?? '';
      for (const name of webhookEvents) expect(message).toContain(name);
    }
  });
});
