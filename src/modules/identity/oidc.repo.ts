import { and, eq, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { oidcFlows, userIdentities } from '../../db/schema/oidc.ts';

export type OidcFlowRow = typeof oidcFlows.$inferSelect;
export type UserIdentityRow = typeof userIdentities.$inferSelect;

export async function insertFlow(exec: Executor, flow: OidcFlowRow): Promise<void> {
  await exec.insert(oidcFlows).values(flow);
}

/** Takes the flow out in one statement: of two callbacks with the same state only one gets it. */
export async function consumeFlow(exec: Executor, stateHash: string): Promise<OidcFlowRow | undefined> {
  const rows = await exec.delete(oidcFlows).where(eq(oidcFlows.stateHash, stateHash)).returning();
  return rows[0];
}

export async function deleteExpiredFlows(exec: Executor, now: Date): Promise<void> {
  await exec.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now));
}

export async function findIdentity(
  exec: Executor,
  issuer: string,
  subject: string,
): Promise<UserIdentityRow | undefined> {
  const rows = await exec
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .limit(1);
  return rows[0];
}

export type IdentityAttributes = Pick<
  UserIdentityRow,
  'email' | 'emailVerified' | 'verifiedName' | 'verifiedAddress' | 'residenceTerritoryId' | 'verifiedAt'
>;

/** Links an identity; undefined when a concurrent sign-in linked the same (issuer, subject) first. */
export async function insertIdentity(
  exec: Executor,
  row: IdentityAttributes & Pick<UserIdentityRow, 'userId' | 'issuer' | 'subject' | 'createdAt'>,
): Promise<UserIdentityRow | undefined> {
  const rows = await exec
    .insert(userIdentities)
    .values(row)
    .onConflictDoNothing({ target: [userIdentities.issuer, userIdentities.subject] })
    .returning();
  return rows[0];
}

export async function updateIdentityAttributes(exec: Executor, id: string, attrs: IdentityAttributes) {
  await exec.update(userIdentities).set(attrs).where(eq(userIdentities.id, id));
}

export async function listIdentitiesOfUser(exec: Executor, userId: string): Promise<UserIdentityRow[]> {
  return exec.select().from(userIdentities).where(eq(userIdentities.userId, userId));
}

/**
 * The territories a user is a verified resident of (districts placed from a provider-verified
 * address). Polls' audience rules read this.
 */
export async function verifiedResidenceTerritoryIds(exec: Executor, userId: string): Promise<string[]> {
  const rows = await exec
    .selectDistinct({ id: userIdentities.residenceTerritoryId })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), sql`${userIdentities.residenceTerritoryId} IS NOT NULL`));
  return rows.map((r) => r.id).filter((id): id is string => id !== null);
}

/** The district containing a point (PostGIS point-in-polygon). */
export async function districtAtPoint(exec: Executor, lat: number, lon: number): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM territories
        WHERE kind = 'district' AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326))
        LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

/**
 * The district whose name appears in an address text («…, Невский район, …»); the longest name wins
 * so that a name contained in another does not shadow it. Matching is case-insensitive.
 */
export async function districtNamedIn(exec: Executor, addressText: string): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM territories
        WHERE kind = 'district'
          AND (strpos(lower(${addressText}::text), lower(name_ru)) > 0
               OR strpos(lower(${addressText}::text), lower(name_en)) > 0)
        ORDER BY length(name_ru) DESC
        LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}
