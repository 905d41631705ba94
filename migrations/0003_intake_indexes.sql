-- Intake writes every report through all of its indexes. Two earned nothing yet: the trigram index
-- (duplicate detection compares only a few nearby candidates of one category, found through the
-- location index, so similarity() runs on them directly) and (is_public, status), which the planner
-- never chose over the status index. Measured in docs/performance.md.
DROP INDEX IF EXISTS "reports_text_trgm_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "reports_public_map_idx";
