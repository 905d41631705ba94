import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/connection.ts';
import { newResident, type Session, type TestApp } from './app.ts';

/**
 * Helpers for participation tests: residents with a verified residence (as an OIDC provider would
 * have vouched for), and requests to the polls and votes API.
 */

/** A resident whose address a provider verified in the given district (a user_identities row). */
export async function verifiedResident(t: TestApp, territoryId: string): Promise<Session> {
  const who = await newResident(t.app);
  const now = t.clock.now();
  await queryRows(
    t.database.db,
    sql`INSERT INTO user_identities (user_id, issuer, subject, email_verified, residence_territory_id, created_at, verified_at)
        VALUES (${who.userId}, 'https://esia.test', ${randomUUID()}, true, ${territoryId}, ${now}, ${now})`,
  );
  return who;
}

export function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  who: Session | null,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: { ...(who ? who.headers : {}), 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export function hours(t: TestApp, h: number): string {
  return new Date(t.clock.now().getTime() + h * 3_600_000).toISOString();
}

export type ApiError = {
  code: string;
  message: string;
  details: { path: string; message: string; code?: string }[];
};

export function apiError(res: LightMyRequestResponse): ApiError {
  return (res.json() as { error: ApiError }).error;
}
