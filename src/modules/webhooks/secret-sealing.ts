import { and, eq, notLike } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { webhookEndpoints } from '../../db/schema/webhooks.ts';
import type { SecretBox } from '../../lib/secret-box.ts';

/**
 * Seals the webhook secrets still stored in plain text (written before encryption at rest arrived),
 * at every start: a database dump must not give any secret away, not only those rotated since.
 * Idempotent and safe with several nodes starting at once: a row is rewritten only while it still
 * holds the plain value read (a node that sealed it first wins; the others change nothing).
 * Returns how many rows this call sealed.
 */
export async function sealPlainWebhookSecrets(db: Db, secrets: SecretBox): Promise<number> {
  const plain = await db
    .select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(notLike(webhookEndpoints.secret, 'enc:v1:%'));
  let sealed = 0;
  for (const row of plain) {
    const updated = await db
      .update(webhookEndpoints)
      .set({ secret: secrets.seal(row.secret) })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.secret)))
      .returning({ id: webhookEndpoints.id });
    sealed += updated.length;
  }
  return sealed;
}
