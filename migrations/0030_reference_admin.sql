CREATE TABLE "region_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"map_center_lat" double precision,
	"map_center_lon" double precision,
	"map_zoom" smallint NOT NULL,
	"tile_url" text NOT NULL,
	"languages" text[] NOT NULL,
	"dispute_window_days" smallint NOT NULL,
	"clarification_timeout_days" smallint NOT NULL,
	"nearest_district_tolerance_meters" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "territories" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");