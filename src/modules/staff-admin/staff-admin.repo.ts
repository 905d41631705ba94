import {
  and,
  asc,
  count,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../db/connection.ts';
import { type StaffRole, staffInvitations, staffRoles, users } from '../../db/schema/identity.ts';
import { organisations, organisationTerritories, territories } from '../../db/schema/reference.ts';

/** An organisation or a territory as lists show it. */
export type NamedRow = { id: string; code: string; nameRu: string; nameEn: string };
export type OrganisationRef = NamedRow & { isActive: boolean };
export type TerritoryRef = NamedRow & {
  kind: 'region' | 'district' | 'municipality';
  parentId: string | null;
};

export type StaffRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  organisationId: string | null;
  territoryId: string | null;
  suspendedAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

const staffColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organisationId: users.organisationId,
  territoryId: users.territoryId,
  suspendedAt: users.suspendedAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

export type StaffFilter = {
  role?: StaffRole | undefined;
  organisationId?: string | undefined;
  territoryId?: string | undefined;
  suspended?: boolean | undefined;
  q?: string | undefined;
  /** A curator's reach: only operators of these organisations (null: no limit). */
  onlyOperatorsOf: string[] | null;
};

function staffWhere(f: StaffFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inArray(users.role, [...staffRoles])];
  if (f.role) conditions.push(eq(users.role, f.role));
  if (f.organisationId) conditions.push(eq(users.organisationId, f.organisationId));
  if (f.territoryId) conditions.push(eq(users.territoryId, f.territoryId));
  if (f.suspended === true) conditions.push(isNotNull(users.suspendedAt));
  if (f.suspended === false) conditions.push(isNull(users.suspendedAt));
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (f.onlyOperatorsOf) {
    conditions.push(eq(users.role, 'operator'));
    // An empty reach matches nothing (IN () is not valid SQL).
    conditions.push(
      f.onlyOperatorsOf.length > 0 ? inArray(users.organisationId, f.onlyOperatorsOf) : sql`false`,
    );
  }
  return and(...conditions);
}

export async function listStaff(
  exec: Executor,
  f: StaffFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: StaffRow[]; total: number }> {
  const where = staffWhere(f);
  const [rows, totals] = await Promise.all([
    exec
      .select(staffColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(page.limit)
      .offset(page.offset),
    exec.select({ n: count() }).from(users).where(where),
  ]);
  // The WHERE keeps staff roles only: the narrowing of `role` is the query's.
  return { rows: rows as StaffRow[], total: Number(totals[0]?.n ?? 0) };
}

export async function findStaff(
  exec: Executor,
  id: string,
  forUpdate = false,
): Promise<StaffRow | undefined> {
  const query = exec
    .select(staffColumns)
    .from(users)
    .where(and(eq(users.id, id), inArray(users.role, [...staffRoles])))
    .limit(1);
  const rows = forUpdate ? await query.for('update') : await query;
  return rows[0] as StaffRow | undefined;
}

export async function userIdByEmail(exec: Executor, email: string): Promise<string | undefined> {
  const rows = await exec.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return rows[0]?.id;
}

export async function emailsTaken(exec: Executor, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await exec.select({ email: users.email }).from(users).where(inArray(users.email, emails));
  return new Set(rows.map((r) => r.email));
}

/**
 * The other active admins, locked: two admins demoting or suspending each other at the same moment
 * cannot both succeed and leave the region without one.
 */
export async function otherActiveAdmins(exec: Executor, exceptId: string): Promise<string[]> {
  const rows = await exec
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.suspendedAt), ne(users.id, exceptId)))
    .for('update');
  return rows.map((r) => r.id);
}

export type StaffFields = { role: StaffRole; organisationId: string | null; territoryId: string | null };

export async function updateStaffFields(exec: Executor, id: string, f: StaffFields): Promise<void> {
  await exec.update(users).set(f).where(eq(users.id, id));
}

export async function setSuspended(exec: Executor, id: string, at: Date | null): Promise<void> {
  await exec.update(users).set({ suspendedAt: at }).where(eq(users.id, id));
}

export async function organisationsByIds(
  exec: Executor,
  ids: string[],
): Promise<Map<string, OrganisationRef>> {
  if (ids.length === 0) return new Map();
  const rows = await exec
    .select({
      id: organisations.id,
      code: organisations.code,
      nameRu: organisations.nameRu,
      nameEn: organisations.nameEn,
      isActive: organisations.isActive,
    })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function allOrganisations(exec: Executor): Promise<OrganisationRef[]> {
  return exec
    .select({
      id: organisations.id,
      code: organisations.code,
      nameRu: organisations.nameRu,
      nameEn: organisations.nameEn,
      isActive: organisations.isActive,
    })
    .from(organisations)
    .orderBy(asc(organisations.nameRu));
}

export async function allTerritories(exec: Executor): Promise<TerritoryRef[]> {
  return exec
    .select({
      id: territories.id,
      code: territories.code,
      nameRu: territories.nameRu,
      nameEn: territories.nameEn,
      kind: territories.kind,
      parentId: territories.parentId,
    })
    .from(territories)
    .orderBy(asc(territories.kind), asc(territories.nameRu));
}

/**
 * Organisations that work only inside a territory: every territory they serve is the territory or
 * lies under it (a district's curator does not manage a city-wide utility's operators).
 */
export async function organisationsWithin(exec: Executor, territoryId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`WITH RECURSIVE within_territory AS (
          SELECT t.id FROM ${territories} t WHERE t.id = ${territoryId}
          UNION ALL
          SELECT c.id FROM ${territories} c JOIN within_territory w ON c.parent_id = w.id
        ),
        served AS (
          SELECT ot.organisation_id,
                 bool_and(ot.territory_id IN (SELECT id FROM within_territory)) AS inside
          FROM ${organisationTerritories} ot
          GROUP BY ot.organisation_id
        )
        SELECT organisation_id AS id FROM served WHERE inside`,
  );
  return rows.map((r) => r.id);
}

export type InvitationRow = typeof staffInvitations.$inferSelect;
export type NewInvitation = typeof staffInvitations.$inferInsert;

export async function insertInvitations(exec: Executor, rows: NewInvitation[]): Promise<InvitationRow[]> {
  if (rows.length === 0) return [];
  return exec.insert(staffInvitations).values(rows).returning();
}

/** A newer invitation to an address replaces the ones still pending. */
export async function revokePendingFor(exec: Executor, emails: string[], now: Date): Promise<void> {
  if (emails.length === 0) return;
  await exec
    .update(staffInvitations)
    .set({ revokedAt: now })
    .where(
      and(
        inArray(staffInvitations.email, emails),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
      ),
    );
}

export async function findInvitation(exec: Executor, id: string): Promise<InvitationRow | undefined> {
  const rows = await exec.select().from(staffInvitations).where(eq(staffInvitations.id, id)).limit(1);
  return rows[0];
}

export async function findInvitationByToken(
  exec: Executor,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const rows = await exec
    .select()
    .from(staffInvitations)
    .where(eq(staffInvitations.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/**
 * Spends an invitation: marks it accepted if it is pending and unexpired, in one statement (two
 * requests with the same link cannot both succeed).
 */
export async function spendInvitation(
  exec: Executor,
  tokenHash: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  const rows = await exec
    .update(staffInvitations)
    .set({ acceptedAt: now })
    .where(
      and(
        eq(staffInvitations.tokenHash, tokenHash),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    )
    .returning();
  return rows[0];
}

export async function setAcceptedUser(exec: Executor, id: string, userId: string): Promise<void> {
  await exec.update(staffInvitations).set({ acceptedUserId: userId }).where(eq(staffInvitations.id, id));
}

export async function revokeInvitation(exec: Executor, id: string, now: Date): Promise<void> {
  await exec.update(staffInvitations).set({ revokedAt: now }).where(eq(staffInvitations.id, id));
}

/** Invitations still waiting for an answer (pending or expired unanswered), newest first. */
export async function listOpenInvitations(
  exec: Executor,
  onlyOrganisations: string[] | null,
): Promise<InvitationRow[]> {
  const conditions: (SQL | undefined)[] = [
    isNull(staffInvitations.acceptedAt),
    isNull(staffInvitations.revokedAt),
  ];
  if (onlyOrganisations)
    conditions.push(
      onlyOrganisations.length > 0
        ? and(
            eq(staffInvitations.role, 'operator'),
            inArray(staffInvitations.organisationId, onlyOrganisations),
          )
        : sql`false`,
    );
  return exec
    .select()
    .from(staffInvitations)
    .where(and(...conditions))
    .orderBy(sql`${staffInvitations.createdAt} DESC`)
    .limit(500);
}

/**
 * Invitations settled (accepted, revoked) or left to expire before `before`: their addresses and
 * names are personal data that no longer serve anyone (the accounts and the audit rows remain).
 */
export async function deleteSettledInvitations(exec: Executor, before: Date): Promise<void> {
  await exec
    .delete(staffInvitations)
    .where(
      or(
        lt(staffInvitations.acceptedAt, before),
        lt(staffInvitations.revokedAt, before),
        and(isNull(staffInvitations.acceptedAt), lt(staffInvitations.expiresAt, before)),
      ),
    );
}

/** Territories by id (with names) for presenting lists. */
export async function territoriesByIds(exec: Executor, ids: string[]): Promise<Map<string, TerritoryRef>> {
  if (ids.length === 0) return new Map();
  const t = alias(territories, 't');
  const rows = await exec
    .select({
      id: t.id,
      code: t.code,
      nameRu: t.nameRu,
      nameEn: t.nameEn,
      kind: t.kind,
      parentId: t.parentId,
    })
    .from(t)
    .where(inArray(t.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
