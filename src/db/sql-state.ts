/**
 * The SQLSTATE of a failed statement (`23505` a unique violation, `40P01` a deadlock, …): on the error
 * itself from node-postgres and PGlite, on its `cause` when Drizzle wrapped it.
 */
export function sqlState(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } | null } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}
