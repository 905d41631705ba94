import { sql } from 'drizzle-orm';
import type { Session, TestApp } from './app.ts';
import { headersOf, rows, type Who } from './reports.ts';

/** Helpers of the discussion, opinion-map and initiative tests. */

export type DiscussionJson = {
  id: string;
  status: string;
  canComment: boolean;
  comments: CommentJson[];
  resultsHtml: string | null;
};
export type CommentJson = {
  id: string;
  parentId: string | null;
  threadId: string;
  depth: number;
  text: string | null;
  html: string | null;
  isOfficial: boolean;
  pinned: boolean;
  state: string;
  moderationReason: string | null;
  personalDataRemoved: boolean;
  supportCount: number;
  editableUntil: string | null;
};

export function post(t: TestApp, who: Who, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: headersOf(who), payload: payload as object });
}
export function put(t: TestApp, who: Who, url: string, payload?: unknown) {
  return t.app.inject({
    method: 'PUT',
    url,
    headers: headersOf(who),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
export function get(t: TestApp, who: Who, url: string) {
  return t.app.inject({ method: 'GET', url, headers: headersOf(who) });
}

/** A discussion open from now for 30 days. */
export async function openDiscussion(
  t: TestApp,
  staff: Session,
  extra: Record<string, unknown> = {},
): Promise<DiscussionJson> {
  const now = t.clock.now().getTime();
  const res = await post(t, staff, '/api/v1/discussions', {
    title: 'Проект благоустройства набережной',
    body: '## Проект\n\nОбсуждаем [документ](https://example.org/doc.pdf).',
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`discussion: ${res.statusCode} ${res.body}`);
  return res.json() as DiscussionJson;
}

/** Gives the user a provider-verified residence in a territory (as an OIDC sign-in would). */
export async function verifyResidence(t: TestApp, userId: string, territoryId: string): Promise<void> {
  const now = t.clock.now();
  await rows(
    t,
    sql`INSERT INTO user_identities (user_id, issuer, subject, residence_territory_id, created_at, verified_at)
        VALUES (${userId}, 'https://esia.test', ${`sub-${userId}`}, ${territoryId}, ${now}, ${now})`,
  );
}
