CREATE TABLE "address_streets" (
	"street_key" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- hand-written: address_streets
-- The search ranks distinct streets first (src/modules/addresses/addresses.repo.ts): the trigram,
-- full-text and prefix indexes move from the million houses to the few thousand streets.
CREATE INDEX "address_streets_trgm_idx" ON "address_streets" USING gin ("street_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "address_streets_fts_idx" ON "address_streets" USING gin (to_tsvector('russian', "street_key"));--> statement-breakpoint
CREATE INDEX "address_streets_prefix_idx" ON "address_streets" ("street_key" text_pattern_ops);--> statement-breakpoint
INSERT INTO "address_streets" ("street_key") SELECT DISTINCT "street_key" FROM "addresses" ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX IF EXISTS "addresses_street_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "addresses_street_fts_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "addresses_street_prefix_idx";
