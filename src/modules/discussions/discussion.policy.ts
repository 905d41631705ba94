import type { Actor } from '../identity/index.ts';
import type { DiscussionRow } from './discussions.repo.ts';

/** Staff who open discussions, close them and publish their results. */
export function canManage(actor: Actor | null): boolean {
  return actor !== null && (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'curator');
}

/** Moderators (and admins) hide, restore and clean comments and approve statements. */
export function canModerate(actor: Actor | null): boolean {
  return actor !== null && (actor.role === 'admin' || actor.role === 'moderator');
}

/**
 * Official replies come from the authority responsible for the discussion (its operators), or
 * from the curator and the administrator on its behalf.
 */
export function canReplyOfficially(actor: Actor | null, d: Pick<DiscussionRow, 'organisationId'>): boolean {
  if (actor === null) return false;
  if (actor.role === 'admin' || actor.role === 'curator') return true;
  return actor.role === 'operator' && d.organisationId !== null && actor.organisationId === d.organisationId;
}
