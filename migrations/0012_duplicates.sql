CREATE TABLE "report_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"duplicate_id" uuid NOT NULL,
	"primary_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"moved" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone NOT NULL,
	"undone_by" uuid,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "report_merges" ADD CONSTRAINT "report_merges_duplicate_id_reports_id_fk" FOREIGN KEY ("duplicate_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_merges" ADD CONSTRAINT "report_merges_primary_id_reports_id_fk" FOREIGN KEY ("primary_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_merges" ADD CONSTRAINT "report_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_merges" ADD CONSTRAINT "report_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_merges_active_uq" ON "report_merges" USING btree ("duplicate_id") WHERE undone_at IS NULL;--> statement-breakpoint
CREATE INDEX "report_merges_primary_idx" ON "report_merges" USING btree ("primary_id");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_merged_into_id_reports_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "reports"("id") ON DELETE no action ON UPDATE no action;