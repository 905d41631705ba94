CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"address" text NOT NULL,
	"street_key" text NOT NULL,
	"house" text,
	"house_number" integer,
	"building" text,
	"location" geometry(point) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "photo_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_due_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_source_uq" ON "addresses" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "addresses_location_gix" ON "addresses" USING gist ("location");--> statement-breakpoint
CREATE INDEX "addresses_street_house_idx" ON "addresses" USING btree ("street_key","house");
--> statement-breakpoint
-- hand-written: admin
-- The address search (src/modules/addresses): trigram similarity of the street's own words (typos,
-- as-you-type prefixes) and Russian full text (word forms); pg_trgm is created with PostGIS before
-- the migrations run (src/db/migrate.ts, src/db/pglite-base.ts).
CREATE INDEX "addresses_street_trgm_idx" ON "addresses" USING gin ("street_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "addresses_street_fts_idx" ON "addresses" USING gin (to_tsvector('russian', "street_key"));--> statement-breakpoint
CREATE INDEX "addresses_street_prefix_idx" ON "addresses" ("street_key" text_pattern_ops);
