-- hand-written
-- The public list within a map box (a street-level view holds ~15,000 reports at 1,000,000) pages
-- newest first through reports_public_recent_idx with the box as a filter: each index entry cost a
-- heap fetch to read the point (1,350 buffers, 0.9 ms a page). With the point carried in the index
-- (INCLUDE) the page is an index-only scan that tests the box in the index (0.2 ms). drizzle cannot
-- write INCLUDE: the schema keeps the key columns (src/db/schema/reports.ts), this migration the
-- covering form.
DROP INDEX IF EXISTS "reports_public_recent_idx";
--> statement-breakpoint
CREATE INDEX "reports_public_recent_idx" ON "reports" ("created_at", "number") INCLUDE ("location") WHERE is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected');
