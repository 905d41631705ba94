import type { Executor } from '../../db/connection.ts';
import { auditLog } from '../../db/schema/audit.ts';
import { inSlices } from '../../db/slices.ts';
import type { Actor } from '../identity/index.ts';

export type AuditEntry = {
  actor: Actor | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  at: Date;
};

/** Audit rows hold identifiers and reasons only, never personal data itself. */
export async function writeAudit(exec: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  await inSlices(list, async (slice) => {
    await exec.insert(auditLog).values(
      slice.map((e) => ({
        actorId: e.actor?.id ?? null,
        actorRole: e.actor?.role ?? null,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        details: e.details ?? {},
        createdAt: e.at,
      })),
    );
  });
}
