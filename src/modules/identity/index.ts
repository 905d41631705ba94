/**
 * Users, sessions and sign-in (password and OIDC): the public entry of the module. The repository
 * stays private; the user reads and writes other modules need go through the facades below.
 */
import * as accounts from './account.repo.ts';
import * as repo from './identity.repo.ts';
import { forgetSessions } from './identity.service.ts';

export { issuePasswordSetLink, purgeAccountState } from './account.service.ts';
export { type AccountMailer, accountMailer, deliverAccountMail } from './account-mail.ts';
export { type Actor, isStaff } from './actor.ts';
export { erasureRoutes } from './erasure.routes.ts';
export { identityRoutes } from './identity.routes.ts';
export {
  hashPassword,
  type IdentityDeps,
  normaliseEmail,
  presentActor,
  resolveSession,
} from './identity.service.ts';
export { oidcRoutes } from './oidc.routes.ts';
export { profileRoutes } from './profile.routes.ts';

/** Creates a user (seed, API clients' service users); undefined when the e-mail is taken. */
export function insertUser(...args: Parameters<typeof repo.insertUser>): ReturnType<typeof repo.insertUser> {
  return repo.insertUser(...args);
}

export function findUserById(
  ...args: Parameters<typeof repo.findUserById>
): ReturnType<typeof repo.findUserById> {
  return repo.findUserById(...args);
}

export function findUserByEmail(
  ...args: Parameters<typeof repo.findUserByEmail>
): ReturnType<typeof repo.findUserByEmail> {
  return repo.findUserByEmail(...args);
}

/** Ends every session of a user at once, on this node's cache too (suspension). */
export async function endSessionsOfUser(
  ...args: Parameters<typeof repo.deleteSessionsOfUser>
): Promise<void> {
  forgetSessions(await repo.deleteSessionsOfUser(...args));
}

/** Queues an e-mail on the account mail path (sent after commit by `deliverAccountMail`). */
export function queueAccountMail(
  ...args: Parameters<typeof accounts.queueMail>
): ReturnType<typeof accounts.queueMail> {
  return accounts.queueMail(...args);
}

/** Removes sessions past their expiry (housekeeping). */
export function deleteExpiredSessions(...args: Parameters<typeof repo.deleteExpiredSessions>): Promise<void> {
  return repo.deleteExpiredSessions(...args);
}
