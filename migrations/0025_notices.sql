CREATE TABLE "notice_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"email_status" text NOT NULL,
	"email_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notice_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"label" text NOT NULL,
	"radius_meters" integer,
	"area" geometry(Geometry, 4326) NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category_ids" uuid[] NOT NULL,
	"area" geometry(Geometry, 4326) NOT NULL,
	"match_area" geometry(Geometry, 4326) NOT NULL,
	"buffer_meters" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"answered_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notices_window_ck" CHECK ("notices"."ends_at" > "notices"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "report_notices" (
	"report_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_notices_report_id_notice_id_pk" PRIMARY KEY("report_id","notice_id")
);
--> statement-breakpoint
CREATE TABLE "city_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"geom" geometry(Geometry, 4326) NOT NULL,
	"address" text,
	"organisation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "object_follows" (
	"object_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "object_follows_object_id_user_id_pk" PRIMARY KEY("object_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "object_works" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"object_id" uuid NOT NULL,
	"title" text NOT NULL,
	"programme" text,
	"contractor" text,
	"budget" numeric(16, 2),
	"planned_start" date,
	"planned_end" date,
	"actual_start" date,
	"actual_end" date,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_objects" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"object_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_photos" (
	"media_id" uuid PRIMARY KEY NOT NULL,
	"work_id" uuid NOT NULL,
	"stage" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_ratings" (
	"work_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_ratings_work_id_user_id_pk" PRIMARY KEY("work_id","user_id"),
	CONSTRAINT "work_ratings_score_ck" CHECK ("work_ratings"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
ALTER TABLE "notice_alerts" ADD CONSTRAINT "notice_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_alerts" ADD CONSTRAINT "notice_alerts_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_alerts" ADD CONSTRAINT "notice_alerts_event_id_notice_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "notice_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_events" ADD CONSTRAINT "notice_events_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_subscriptions" ADD CONSTRAINT "notice_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_updates" ADD CONSTRAINT "notice_updates_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_updates" ADD CONSTRAINT "notice_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_notices" ADD CONSTRAINT "report_notices_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_notices" ADD CONSTRAINT "report_notices_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_objects" ADD CONSTRAINT "city_objects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_follows" ADD CONSTRAINT "object_follows_object_id_city_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "city_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_follows" ADD CONSTRAINT "object_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_works" ADD CONSTRAINT "object_works_object_id_city_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "city_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_objects" ADD CONSTRAINT "report_objects_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_objects" ADD CONSTRAINT "report_objects_object_id_city_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "city_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_photos" ADD CONSTRAINT "work_photos_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_photos" ADD CONSTRAINT "work_photos_work_id_object_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "object_works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_ratings" ADD CONSTRAINT "work_ratings_work_id_object_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "object_works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_ratings" ADD CONSTRAINT "work_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_alerts_event_user_uq" ON "notice_alerts" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "notice_alerts_user_idx" ON "notice_alerts" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notice_alerts_email_idx" ON "notice_alerts" USING btree ("email_status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_events_uq" ON "notice_events" USING btree ("notice_id","type","version");--> statement-breakpoint
CREATE INDEX "notice_events_due_idx" ON "notice_events" USING btree ("due_at") WHERE dispatched_at IS NULL;--> statement-breakpoint
CREATE INDEX "notice_subscriptions_user_idx" ON "notice_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notice_subscriptions_area_gix" ON "notice_subscriptions" USING gist ("area");--> statement-breakpoint
CREATE INDEX "notice_updates_notice_idx" ON "notice_updates" USING btree ("notice_id","id");--> statement-breakpoint
CREATE INDEX "notices_match_area_gix" ON "notices" USING gist ("match_area");--> statement-breakpoint
CREATE INDEX "notices_window_idx" ON "notices" USING btree ("ends_at","starts_at");--> statement-breakpoint
CREATE INDEX "report_notices_notice_idx" ON "report_notices" USING btree ("notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "city_objects_external_uq" ON "city_objects" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "city_objects_geom_gix" ON "city_objects" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "object_follows_user_idx" ON "object_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "object_works_object_idx" ON "object_works" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "report_objects_object_idx" ON "report_objects" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "work_photos_work_idx" ON "work_photos" USING btree ("work_id");