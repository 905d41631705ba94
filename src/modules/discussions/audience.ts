import type { Executor } from '../../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './discussions.repo.ts';

export type AudienceSettings = {
  /** The region admits only residents whose residence the identity provider verified. */
  verifiedOnly: boolean;
};

/**
 * Whether a resident belongs to the audience of a territory (a discussion's, an initiative's).
 * A verified residence (a district placed from the provider's address) decides where there is one:
 * it must lie in the territory. A resident without one counts as living anywhere in the region,
 * unless the region requires verification. `null` (the whole region) admits every resident the
 * same way. Shared by discussions and initiatives; polls follow the same rule.
 */
export async function isInAudience(
  exec: Executor,
  settings: AudienceSettings,
  actor: Actor,
  territoryId: string | null,
): Promise<boolean> {
  if (actor.role !== 'resident') return false;
  const verified = await repo.verifiedResidences(exec, actor.id);
  if (verified.length === 0) return !settings.verifiedOnly;
  if (territoryId === null) return true;
  const kind = await repo.territoryKind(exec, territoryId);
  if (kind === 'region') return true;
  return repo.isVerifiedResidentOf(exec, actor.id, territoryId);
}
