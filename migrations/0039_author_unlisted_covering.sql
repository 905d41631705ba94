-- hand-written
-- A resident's own reports that the public list does not show (waiting for moderation, rejected,
-- private, appeals): beside the public branch of their list and search, their own branch needs only
-- these, a few rows even for an author of thousands. It carries the other filters' columns (INCLUDE,
-- as reports_author_idx since migration 0036), so a topic or a status filter is checked in the index.
-- drizzle cannot write INCLUDE: the schema keeps the key columns (src/db/schema/reports.ts).
DROP INDEX IF EXISTS "reports_author_unlisted_idx";
--> statement-breakpoint
CREATE INDEX "reports_author_unlisted_idx" ON "reports" ("author_id", "created_at", "number") INCLUDE ("category_id", "status", "territory_id") WHERE NOT (is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected'));
