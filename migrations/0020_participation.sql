CREATE TABLE "poll_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"required" boolean NOT NULL,
	"max_choices" smallint,
	"scale_min" smallint,
	"scale_max" smallint,
	"show_if_question_id" uuid,
	"show_if_option_ids" uuid[]
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"image_id" uuid,
	"audience_territory_ids" uuid[] NOT NULL,
	"verified_only" boolean NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"ballot_changeable" boolean NOT NULL,
	"results_visibility" text NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vote_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"item_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vote_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"geometry" jsonb,
	"photo_ids" uuid[] NOT NULL,
	"source" text NOT NULL,
	"proposed_by" uuid,
	"status" text NOT NULL,
	"reject_reason" text,
	"merged_into_id" uuid,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"audience_territory_ids" uuid[] NOT NULL,
	"verified_only" boolean NOT NULL,
	"proposals_open_at" timestamp with time zone NOT NULL,
	"proposals_close_at" timestamp with time zone NOT NULL,
	"voting_open_at" timestamp with time zone NOT NULL,
	"voting_close_at" timestamp with time zone NOT NULL,
	"max_choices" integer NOT NULL,
	"results_visibility" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decision" text,
	"winner_item_ids" uuid[],
	"winners_published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "report_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject_title" text;--> statement-breakpoint
ALTER TABLE "poll_ballots" ADD CONSTRAINT "poll_ballots_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_ballots" ADD CONSTRAINT "poll_ballots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_question_id_poll_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "poll_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_questions" ADD CONSTRAINT "poll_questions_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_items" ADD CONSTRAINT "vote_items_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_items" ADD CONSTRAINT "vote_items_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_items" ADD CONSTRAINT "vote_items_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "poll_ballots_poll_user_uq" ON "poll_ballots" USING btree ("poll_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_options_position_uq" ON "poll_options" USING btree ("question_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_questions_position_uq" ON "poll_questions" USING btree ("poll_id","position");--> statement-breakpoint
CREATE INDEX "polls_status_closes_idx" ON "polls" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_ballots_vote_user_uq" ON "vote_ballots" USING btree ("vote_id","user_id");--> statement-breakpoint
CREATE INDEX "vote_items_vote_status_idx" ON "vote_items" USING btree ("vote_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_topic_subject_user_uq" ON "notifications" USING btree ("topic","subject_id","user_id");--> statement-breakpoint
-- hand-written: participation
ALTER TABLE "polls" ADD CONSTRAINT "polls_window_ck" CHECK ("closes_at" > "opens_at");--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_windows_ck" CHECK ("proposals_close_at" >= "proposals_open_at" AND "voting_open_at" >= "proposals_close_at" AND "voting_close_at" > "voting_open_at");--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_max_choices_ck" CHECK ("max_choices" >= 1);--> statement-breakpoint
ALTER TABLE "poll_questions" ADD CONSTRAINT "poll_questions_scale_ck" CHECK ("scale_min" IS NULL OR "scale_max" > "scale_min");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_report_or_topic_ck" CHECK ((event_id IS NOT NULL AND report_id IS NOT NULL) OR (topic IS NOT NULL AND subject_id IS NOT NULL));
