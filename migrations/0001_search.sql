-- Full-text search (Russian) and trigram similarity over report texts; the expression index keeps
-- the search column derivable (no trigger, nothing to keep in sync).
CREATE INDEX "reports_text_fts_idx" ON "reports" USING gin (to_tsvector('russian', "text"));
--> statement-breakpoint
CREATE INDEX "reports_text_trgm_idx" ON "reports" USING gin ("text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "reports_public_map_idx" ON "reports" ("is_public", "status");
