import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';
import { writeAudit } from '../audit/index.ts';
import { type Actor, hashPassword, insertUser } from '../identity/index.ts';
import { leasedHit } from '../platform/index.ts';
import { findOrganisation } from '../reference/index.ts';
import * as repo from './api-keys.repo.ts';
import type { ApiClient, CreateApiClientBody } from './api-keys.schemas.ts';

export type ApiKeysDeps = { db: Db; clock: Clock; defaultRateLimitPerMinute: number };

/** The caller behind a valid key: the client and the service user it acts as. */
export type ApiClientAuth = {
  clientId: string;
  name: string;
  organisationId: string | null;
  actor: Actor;
};

const KEY_PREFIX = 'vmk_';
const RATE_WINDOW_MS = 60_000;

type KnownClient = Awaited<ReturnType<typeof repo.findApiClientByKeyHash>>;

/**
 * Presented keys' clients, per database, kept 5 s on this node (as sessions are: decision 0003): a
 * busy client's every request looked its key up. A revocation clears this node's at once.
 */
const knownClients = perDatabase(() => new TtlCache<KnownClient>(5_000, 1000));

async function clientOfKey(db: Db, keyHash: string): Promise<KnownClient> {
  const cache = knownClients.of(db);
  const hit = cache.get(keyHash);
  if (hit) return hit;
  const client = await repo.findApiClientByKeyHash(db, keyHash);
  // Unknown keys are not kept: a guessing client must not fill the cache.
  if (client) cache.set(keyHash, client);
  return client;
}

/** When each client was last marked used, per database: the mark is by the minute, so one a minute. */
const lastTouched = perDatabase(() => new Map<string, number>());

async function touch(db: Db, clientId: string, now: Date): Promise<void> {
  const touched = lastTouched.of(db);
  const at = touched.get(clientId);
  if (at !== undefined && now.getTime() - at < 60_000 && now.getTime() >= at) return;
  await repo.touchApiClient(db, clientId, now);
  touched.set(clientId, now.getTime());
}

/** Service users are never signed in to: their address is in a reserved domain (RFC 2606). */
const serviceUserEmail = (clientId: string) => `api-client-${clientId}@api-clients.invalid`;

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

function present(row: repo.ApiClientView): ApiClient {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    organisation:
      row.organisationId && row.organisationNameRu && row.organisationNameEn
        ? { id: row.organisationId, nameRu: row.organisationNameRu, nameEn: row.organisationNameEn }
        : null,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listApiClients(deps: ApiKeysDeps, actor: Actor): Promise<ApiClient[]> {
  requireAdmin(actor);
  return (await repo.listApiClients(deps.db)).map(present);
}

/**
 * Issues a key: a service user for the client (an operator of the organisation when scoped, else a
 * resident-like author of the reports it files), the client row with the key's hash, and the audit
 * row, in one transaction. The key is returned once and never stored.
 */
export async function createApiClient(
  deps: ApiKeysDeps,
  actor: Actor,
  body: CreateApiClientBody,
): Promise<{ client: ApiClient; key: string }> {
  requireAdmin(actor);
  if (body.organisationId) {
    const org = await findOrganisation(deps.db, body.organisationId);
    if (!org?.isActive)
      throw new AppError('unknown_organisation', [
        { path: 'organisationId', message: 'unknown_organisation' },
      ]);
  }
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  const id = randomUUID();
  const now = deps.clock.now();
  // Nobody knows this password: the account exists to be named as author and actor, not to log in.
  const passwordHash = await hashPassword(randomToken(32));
  await deps.db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      email: serviceUserEmail(id),
      passwordHash,
      name: `API: ${body.name}`,
      role: body.organisationId ? 'operator' : 'resident',
      organisationId: body.organisationId ?? null,
    });
    await repo.insertApiClient(tx, {
      id,
      name: body.name,
      keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: sha256(key),
      organisationId: body.organisationId ?? null,
      serviceUserId: user!.id,
      rateLimitPerMinute: body.rateLimitPerMinute ?? deps.defaultRateLimitPerMinute,
      createdBy: actor.id,
      createdAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: 'api_client.create',
      entityType: 'api_client',
      entityId: id,
      at: now,
      details: { organisationId: body.organisationId ?? null },
    });
  });
  const created = await repo.findApiClient(deps.db, id);
  return { client: present(created!), key };
}

export async function revokeApiClient(deps: ApiKeysDeps, actor: Actor, id: string): Promise<ApiClient> {
  requireAdmin(actor);
  const now = deps.clock.now();
  const revoked = await deps.db.transaction(async (tx) => {
    const found = await repo.findApiClient(tx, id);
    if (!found) throw new AppError('api_client_not_found');
    if (!(await repo.revokeApiClient(tx, id, now))) throw new AppError('api_client_revoked');
    await writeAudit(tx, {
      actor,
      action: 'api_client.revoke',
      entityType: 'api_client',
      entityId: id,
      at: now,
    });
    return present({ ...found, revokedAt: now });
  });
  // Refused at once on this node; other nodes' caches let the key through for up to 5 s more.
  knownClients.forget(deps.db);
  return revoked;
}

/**
 * Resolves a presented key to its client, refusing a missing, unknown or revoked key, and counts the
 * request against the key's own per-minute limit (in PostgreSQL, so every app node shares the count).
 * `onLimited` receives the seconds to wait, for a Retry-After header.
 */
export async function authenticateApiKey(
  deps: ApiKeysDeps,
  key: string | undefined,
  onLimited?: (retryAfterSeconds: number) => void,
): Promise<ApiClientAuth> {
  if (!key) throw new AppError('api_key_required', [{ path: 'api_key', message: 'api_key_required' }]);
  const client = await clientOfKey(deps.db, sha256(key));
  if (!client || client.revokedAt)
    throw new AppError('api_key_invalid', [{ path: 'api_key', message: 'api_key_invalid' }]);
  const now = deps.clock.now();
  const { count, windowStart } = await leasedHit(
    deps.db,
    `api-key:${client.id}`,
    RATE_WINDOW_MS,
    now,
    client.rateLimitPerMinute,
  );
  if (count > client.rateLimitPerMinute) {
    onLimited?.(Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000)));
    throw new AppError('rate_limited');
  }
  await touch(deps.db, client.id, now);
  return {
    clientId: client.id,
    name: client.name,
    organisationId: client.organisationId,
    actor: {
      id: client.serviceUserId,
      role: client.role,
      organisationId: client.organisationId,
      territoryId: null,
    },
  };
}

/** The inbound organisation API needs a key bound to an organisation. */
export function requireOrganisationScope(auth: ApiClientAuth): ApiClientAuth & { organisationId: string } {
  if (!auth.organisationId) throw new AppError('api_key_not_scoped');
  return auth as ApiClientAuth & { organisationId: string };
}
