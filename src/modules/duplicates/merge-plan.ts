import { type Follower, SUPPORT_REASONS } from './duplicates.repo.ts';

/**
 * Who should follow the primary after a merge: the duplicate's author (reason 'merged': they
 * reported the same problem) and the duplicate's followers with their own reasons (a supporter
 * stays a supporter). The primary's author needs no follower row; each person appears once.
 */
export function followersToMove(
  duplicate: { authorId: string },
  duplicateFollowers: readonly Follower[],
  primary: { authorId: string },
): Follower[] {
  const seen = new Set<string>([primary.authorId]);
  const out: Follower[] = [];
  for (const f of [{ userId: duplicate.authorId, reason: 'merged' } as const, ...duplicateFollowers]) {
    if (seen.has(f.userId)) continue;
    seen.add(f.userId);
    out.push({ userId: f.userId, reason: f.reason });
  }
  return out;
}

/** Each person who backs the problem raises its priority by one; a subscriber only listens. */
export function supportWeight(followers: readonly Follower[]): number {
  return followers.filter((f) => (SUPPORT_REASONS as readonly string[]).includes(f.reason)).length;
}
