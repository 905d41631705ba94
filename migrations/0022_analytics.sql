CREATE TABLE "analytics_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	"opened_day" date NOT NULL,
	"closed_day" date,
	"observed" integer NOT NULL,
	"expected" double precision NOT NULL,
	"p_value" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_monthly" (
	"month" date NOT NULL,
	"territory_id" uuid,
	"category_id" uuid NOT NULL,
	"topic_id" uuid,
	"organisation_id" uuid,
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
	"closed_without_rating" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_monthly_answer_days" (
	"month" date NOT NULL,
	"territory_id" uuid,
	"category_id" uuid NOT NULL,
	"topic_id" uuid,
	"organisation_id" uuid,
	"working_days" integer NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_report_facts" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"created_day" date NOT NULL,
	"territory_id" uuid,
	"category_id" uuid NOT NULL,
	"topic_id" uuid,
	"organisation_id" uuid,
	"status" text NOT NULL,
	"is_public" boolean NOT NULL,
	"is_open" boolean NOT NULL,
	"deadline_running" boolean NOT NULL,
	"due_at" timestamp with time zone,
	"answered" boolean NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_working_days" integer,
	"on_time" boolean,
	"solved" boolean NOT NULL,
	"rating" smallint,
	"disputed" boolean NOT NULL,
	"redirected" boolean NOT NULL,
	"merged" boolean NOT NULL,
	"supporters" integer NOT NULL,
	"closed_without_rating" boolean NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_state" (
	"key" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone,
	"value" text
);
--> statement-breakpoint
CREATE TABLE "analytics_workdays" (
	"day" date PRIMARY KEY NOT NULL,
	"idx" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_report_facts" ADD CONSTRAINT "analytics_report_facts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_alerts_open_idx" ON "analytics_alerts" USING btree ("category_id","territory_id","closed_day");--> statement-breakpoint
CREATE INDEX "analytics_monthly_month_idx" ON "analytics_monthly" USING btree ("month");--> statement-breakpoint
CREATE INDEX "analytics_monthly_days_month_idx" ON "analytics_monthly_answer_days" USING btree ("month");--> statement-breakpoint
CREATE INDEX "analytics_facts_day_idx" ON "analytics_report_facts" USING btree ("created_day");--> statement-breakpoint
CREATE INDEX "analytics_facts_org_day_idx" ON "analytics_report_facts" USING btree ("organisation_id","created_day");--> statement-breakpoint
CREATE INDEX "analytics_facts_cell_idx" ON "analytics_report_facts" USING btree ("category_id","territory_id","created_day");--> statement-breakpoint
CREATE INDEX "analytics_facts_league_idx" ON "analytics_report_facts" USING btree ("organisation_id","answered_at");
--> statement-breakpoint
-- hand-written: analytics
-- The Web-Mercator point of every report (EPSG:3857, metres), for the map's grid clusters: a stored
-- generated column with its own GiST index. The spherical formula is written out (rather than
-- ST_Transform) so it needs no projection database and stays IMMUTABLE on PGlite and PostgreSQL.
ALTER TABLE "reports" ADD COLUMN "mercator" geometry(Point, 3857) GENERATED ALWAYS AS (
  ST_SetSRID(ST_MakePoint(
    6378137.0 * radians(ST_X("location")),
    6378137.0 * ln(tan(pi() / 4 + radians(greatest(least(ST_Y("location"), 85.0511), -85.0511)) / 2))
  ), 3857)
) STORED;
--> statement-breakpoint
CREATE INDEX "reports_mercator_gix" ON "reports" USING gist ("mercator");
--> statement-breakpoint
-- Open work only: "in progress" and "overdue now" read these few rows instead of the whole period.
CREATE INDEX "analytics_facts_open_idx" ON "analytics_report_facts" ("created_day") INCLUDE ("due_at", "deadline_running") WHERE "is_open";
--> statement-breakpoint
-- At most one open alert per (subject, territory): an alert is raised once and closed when the rate returns.
CREATE UNIQUE INDEX "analytics_alerts_open_uq" ON "analytics_alerts" ("category_id", "territory_id") WHERE "closed_day" IS NULL;
--> statement-breakpoint
-- The facts read each report's latest rating: without this, every report scanned the whole ratings table.
CREATE INDEX "analytics_ratings_report_idx" ON "ratings" ("report_id", "created_at");
