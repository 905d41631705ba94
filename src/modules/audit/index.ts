/**
 * The audit trail: the public entry of the module (other modules import only this file). The
 * repository stays private; this facade is the contract the other modules write through.
 */
import * as repo from './audit.repo.ts';

export type { AuditEntry } from './audit.repo.ts';

/** Appends audit rows in the caller's transaction, so an audited change and its record commit together. */
export function writeAudit(...args: Parameters<typeof repo.writeAudit>): Promise<void> {
  return repo.writeAudit(...args);
}
