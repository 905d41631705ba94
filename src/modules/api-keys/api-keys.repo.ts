import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { users } from '../../db/schema/identity.ts';
import { apiClients } from '../../db/schema/open311.ts';
import { organisations } from '../../db/schema/reference.ts';

export type ApiClientRow = typeof apiClients.$inferSelect;

/** A client with what its admin screen and its requests need: the organisation's names and the service user's role. */
export type ApiClientView = ApiClientRow & {
  organisationNameRu: string | null;
  organisationNameEn: string | null;
};

export async function insertApiClient(
  exec: Executor,
  values: typeof apiClients.$inferInsert,
): Promise<ApiClientRow> {
  const rows = await exec.insert(apiClients).values(values).returning();
  return rows[0]!;
}

const viewColumns = {
  id: apiClients.id,
  name: apiClients.name,
  keyPrefix: apiClients.keyPrefix,
  keyHash: apiClients.keyHash,
  organisationId: apiClients.organisationId,
  serviceUserId: apiClients.serviceUserId,
  rateLimitPerMinute: apiClients.rateLimitPerMinute,
  createdBy: apiClients.createdBy,
  createdAt: apiClients.createdAt,
  revokedAt: apiClients.revokedAt,
  lastUsedAt: apiClients.lastUsedAt,
  organisationNameRu: organisations.nameRu,
  organisationNameEn: organisations.nameEn,
};

export async function listApiClients(exec: Executor): Promise<ApiClientView[]> {
  return exec
    .select(viewColumns)
    .from(apiClients)
    .leftJoin(organisations, eq(organisations.id, apiClients.organisationId))
    .orderBy(desc(apiClients.createdAt));
}

export async function findApiClient(exec: Executor, id: string): Promise<ApiClientView | undefined> {
  const rows = await exec
    .select(viewColumns)
    .from(apiClients)
    .leftJoin(organisations, eq(organisations.id, apiClients.organisationId))
    .where(eq(apiClients.id, id));
  return rows[0];
}

/** The client a key belongs to, with its service user's role (the actor it acts as). */
export async function findApiClientByKeyHash(exec: Executor, keyHash: string) {
  const rows = await exec
    .select({
      id: apiClients.id,
      name: apiClients.name,
      organisationId: apiClients.organisationId,
      serviceUserId: apiClients.serviceUserId,
      rateLimitPerMinute: apiClients.rateLimitPerMinute,
      revokedAt: apiClients.revokedAt,
      role: users.role,
    })
    .from(apiClients)
    .innerJoin(users, eq(users.id, apiClients.serviceUserId))
    .where(eq(apiClients.keyHash, keyHash));
  return rows[0];
}

/** Revokes once: returns false when the client was already revoked. */
export async function revokeApiClient(exec: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await exec
    .update(apiClients)
    .set({ revokedAt: at })
    .where(sql`${apiClients.id} = ${id} AND ${apiClients.revokedAt} IS NULL`)
    .returning({ id: apiClients.id });
  return rows.length > 0;
}

/** Last use to the minute is enough for an admin, and spares a write on every request. */
export async function touchApiClient(exec: Executor, id: string, at: Date): Promise<void> {
  await exec
    .update(apiClients)
    .set({ lastUsedAt: at })
    .where(
      sql`${apiClients.id} = ${id} AND (${apiClients.lastUsedAt} IS NULL OR ${apiClients.lastUsedAt} < ${new Date(at.getTime() - 60_000).toISOString()}::timestamptz)`,
    );
}
