CREATE TABLE "analytics_daily" (
	"day" date NOT NULL,
	"territory_id" uuid,
	"top_category_id" uuid NOT NULL,
	"received" integer NOT NULL,
	"answered" integer NOT NULL,
	"with_deadline" integer NOT NULL,
	"on_time" integer NOT NULL,
	"solved" integer NOT NULL,
	"rated" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"disputed" integer NOT NULL,
	"redirected" integer NOT NULL,
	"merged" integer NOT NULL,
	"supporters" integer NOT NULL,
	"closed_without_rating" integer NOT NULL,
	"open_now" integer NOT NULL,
	"running_due" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_answer_days" (
	"day" date NOT NULL,
	"territory_id" uuid,
	"top_category_id" uuid NOT NULL,
	"working_days" integer NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_map_cells" (
	"grain" smallint NOT NULL,
	"cx" integer NOT NULL,
	"cy" integer NOT NULL,
	"listed" boolean NOT NULL,
	"status" text,
	"category_id" uuid,
	"territory_id" uuid,
	"organisation_id" uuid,
	"n" integer NOT NULL,
	"sx" double precision NOT NULL,
	"sy" double precision NOT NULL,
	"one_id" uuid,
	"one_status" text
);
--> statement-breakpoint
DROP INDEX "analytics_facts_league_idx";--> statement-breakpoint
ALTER TABLE "analytics_monthly" ADD COLUMN "open_now" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_monthly" ADD COLUMN "running_due" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_report_facts" ADD COLUMN "mx" double precision;--> statement-breakpoint
ALTER TABLE "analytics_report_facts" ADD COLUMN "my" double precision;--> statement-breakpoint
ALTER TABLE "analytics_report_facts" ADD COLUMN "cell_x" integer;--> statement-breakpoint
ALTER TABLE "analytics_report_facts" ADD COLUMN "cell_y" integer;--> statement-breakpoint
CREATE INDEX "analytics_daily_day_idx" ON "analytics_daily" USING btree ("day","territory_id","top_category_id");--> statement-breakpoint
CREATE INDEX "analytics_daily_days_day_idx" ON "analytics_daily_answer_days" USING btree ("day","territory_id","top_category_id");--> statement-breakpoint
CREATE INDEX "analytics_map_cells_cell_idx" ON "analytics_map_cells" USING btree ("grain","cx","cy");--> statement-breakpoint
CREATE INDEX "analytics_map_cells_category_idx" ON "analytics_map_cells" USING btree ("category_id","cx","cy");--> statement-breakpoint
CREATE INDEX "analytics_map_cells_territory_idx" ON "analytics_map_cells" USING btree ("territory_id","cx","cy");--> statement-breakpoint
CREATE INDEX "analytics_map_cells_org_idx" ON "analytics_map_cells" USING btree ("organisation_id","cx","cy");--> statement-breakpoint
CREATE INDEX "analytics_facts_map_cell_idx" ON "analytics_report_facts" USING btree ("cell_x","cell_y");--> statement-breakpoint
CREATE INDEX "analytics_facts_not_yet_due_idx" ON "analytics_report_facts" USING btree ("due_at","created_day") WHERE is_open AND deadline_running;--> statement-breakpoint
-- hand-written
-- The league's walk over each organisation's latest answers, read from the index alone.
CREATE INDEX "analytics_facts_league_idx" ON "analytics_report_facts" ("organisation_id", "answered_at") INCLUDE ("on_time", "solved", "rating", "disputed", "answer_working_days");
--> statement-breakpoint
-- The facts gained their map cell and the roll-ups new tables: forget the refresh job's bookmark, so
-- its next pass rebuilds the facts and every roll-up from the reports.
DELETE FROM "analytics_state" WHERE "key" = 'events';
--> statement-breakpoint
-- The new roll-ups have no natural key either: like the monthly ones (0032), the whole row identifies
-- a change, so a region's schema can still move between Citus workers online.
ALTER TABLE "analytics_daily" REPLICA IDENTITY FULL;
--> statement-breakpoint
ALTER TABLE "analytics_daily_answer_days" REPLICA IDENTITY FULL;
--> statement-breakpoint
ALTER TABLE "analytics_map_cells" REPLICA IDENTITY FULL;
