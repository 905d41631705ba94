/**
 * Who may run a poll or a vote, and who may take part. Shared by polls and votes, so both apply
 * the same rules: admins everywhere; curators within their territory (the region's curator:
 * everywhere); residents in the audience.
 */
import type { Executor } from '../../db/connection.ts';
import { AppError, type ErrorDetail } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import * as audienceRepo from './audience.repo.ts';
import type { ParticipationState } from './participation.schemas.ts';

export type AudienceOf = { audienceTerritoryIds: string[]; verifiedOnly: boolean };

export function isOrganiserRole(actor: Actor | null): actor is Actor {
  return actor !== null && (actor.role === 'admin' || actor.role === 'curator');
}

/** Whether the actor may edit, moderate and export this poll or vote (staff see drafts). */
export async function canManage(exec: Executor, actor: Actor | null, subject: AudienceOf): Promise<boolean> {
  if (!isOrganiserRole(actor)) return false;
  if (actor.role === 'admin') return true;
  if (!actor.territoryId) return false;
  if (await audienceRepo.isRegion(exec, actor.territoryId)) return true;
  if (subject.audienceTerritoryIds.length === 0) return false;
  return (
    (await audienceRepo.territoriesOutside(exec, subject.audienceTerritoryIds, actor.territoryId)).length ===
    0
  );
}

/** Refuses an audience naming unknown territories, or territories outside a curator's scope. */
export async function requireOrganiserOf(
  exec: Executor,
  actor: Actor,
  territoryIds: string[],
): Promise<void> {
  if (!isOrganiserRole(actor)) throw new AppError('forbidden');
  const unknown = await audienceRepo.unknownTerritories(exec, territoryIds);
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      unknown.map((id) => ({
        path: `audience.territoryIds.${territoryIds.indexOf(id)}`,
        message: 'vmeste:unknown_territory',
      })),
    );
  if (!(await canManage(exec, actor, { audienceTerritoryIds: territoryIds, verifiedOnly: false })))
    throw new AppError('territory_out_of_scope', [
      { path: 'audience.territoryIds', message: 'territory_out_of_scope' },
    ]);
}

/**
 * A resident in the audience, or the refusal. Verified residence is what a provider vouched for;
 * a resident without it may take part in a poll open to every signed-in resident (we cannot know
 * where they live), but one whose verified address lies elsewhere may not.
 */
export async function audienceProblem(
  exec: Executor,
  actor: Actor,
  subject: AudienceOf,
): Promise<{ code: 'verification_required' | 'not_in_audience'; detail: ErrorDetail } | null> {
  if (actor.role !== 'resident') throw new AppError('forbidden');
  // Open to every signed-in resident of the region: nothing to look up (the common case in a rush).
  if (!subject.verifiedOnly && subject.audienceTerritoryIds.length === 0) return null;
  const residence = await audienceRepo.verifiedResidence(exec, actor.id);
  if (subject.verifiedOnly && residence.length === 0)
    return {
      code: 'verification_required',
      detail: { path: 'audience', message: 'verification_required', code: 'verification_required' },
    };
  const territories = subject.audienceTerritoryIds;
  if (territories.length > 0 && residence.length > 0 && !residence.some((t) => territories.includes(t)))
    return {
      code: 'not_in_audience',
      detail: { path: 'audience', message: 'not_in_audience', code: 'not_in_audience' },
    };
  return null;
}

export function windowState(now: Date, opensAt: Date, closesAt: Date): Exclude<ParticipationState, 'draft'> {
  if (now < opensAt) return 'upcoming';
  if (now >= closesAt) return 'closed';
  return 'open';
}

/** Results for residents: always, after closing, or never; organisers always see them. */
export function resultsPublic(
  visibility: 'always' | 'after_close' | 'never',
  state: ParticipationState,
): boolean {
  if (visibility === 'always') return state !== 'draft';
  if (visibility === 'after_close') return state === 'closed';
  return false;
}
