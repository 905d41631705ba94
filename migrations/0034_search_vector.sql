ALTER TABLE "reports" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_search_gin" ON "reports" USING gin ("search");--> statement-breakpoint
-- hand-written: search
-- The search reads the stored vector (reports.search) and its GIN index; the expression index over
-- to_tsvector('russian', text) of migration 0001 is replaced by it.
DROP INDEX IF EXISTS "reports_text_fts_idx";
