/**
 * The roles of the authorisation matrix (test/integration/authz-matrix.test.ts), the groups of them
 * that the route policies (authz-policies*.ts) are written with, and the policy's shape.
 */
export const roles = [
  'anonymous',
  'author',
  'otherResident',
  'opOrg',
  'opOther',
  'curatorIn',
  'curatorOut',
  'moderator',
  'analyst',
  'admin',
  'apiKey',
  'open311Key',
] as const;
export type Role = (typeof roles)[number];
export const sessionRoles: Role[] = roles.filter((r) => !['anonymous', 'apiKey', 'open311Key'].includes(r));

export const ALL = [...roles];
export const SIGNED_IN = sessionRoles;
/** Who may see the target (a private report of `author`, handled by city-light in the Central district). */
export const VIEW: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'analyst', 'admin'];
export const STAFF: Role[] = ['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'moderator', 'analyst', 'admin'];
export const KEYS: Role[] = ['apiKey', 'open311Key'];
/** Roles that may read the author's name, e-mail and the report's exact place. */
export const PERSONAL: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'admin', 'apiKey'];

/** Knowledge-base editors: staff but the analyst (knowledge.service.ts `canEditArticles`). */
export const EDITORS: Role[] = ['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'moderator', 'admin'];
/** Who runs polls and votes: admins, and curators within their territory (participation.policy.ts). */
export const ORGANISERS: Role[] = ['admin', 'curatorIn', 'curatorOut'];
/** Who manages the target poll and vote (Central district audience): not the Nevsky curator. */
export const MANAGERS: Role[] = ['admin', 'curatorIn'];
export const RESIDENTS: Role[] = ['author', 'otherResident'];
/** Who opens, closes and sums up discussions (discussion.policy.ts `canManage`). */
export const DISCUSSION_MANAGERS: Role[] = ['admin', 'moderator', 'curatorIn', 'curatorOut'];
/** Who moderates comments, statements and initiatives. */
export const MODERATORS: Role[] = ['admin', 'moderator'];
/** Who reads the problem matrix and the spike alerts (spikes.service.ts `mayAnalyse`). */
export const ANALYSTS: Role[] = ['analyst', 'curatorIn', 'curatorOut', 'admin'];
export const ADMIN: Role[] = ['admin'];
/** Who manages staff accounts: admins, and curators (the operators of their territory). */
export const STAFF_MANAGERS: Role[] = ['admin', 'curatorIn', 'curatorOut'];
/**
 * Who edits the target notice and object (notices.service.ts `canEditNotice`, objects.service.ts
 * `canEditObject`): admins, moderators, any curator, and the operator of its organisation.
 */
export const NOTICE_EDITORS: Role[] = ['admin', 'moderator', 'curatorIn', 'curatorOut', 'opOrg'];

/**
 * `query` is appended to the URL (its `:territoryId` and `:categoryId` name the targets' district and
 * the target report's subject): a refused role must be refused, not told its query is invalid.
 */
export type Policy = { allow: Role[]; body?: object; query?: string; stream?: boolean };
export const p = (allow: Role[], extra: Omit<Policy, 'allow'> = {}): Policy => ({ allow, ...extra });

export const uuid = '00000000-0000-4000-8000-000000000001';

/** A window of dates for the participation routes' bodies (polls, votes, discussions). */
export const window = { opensAt: '2027-01-10T09:00:00+03:00', closesAt: '2027-01-20T21:00:00+03:00' };
