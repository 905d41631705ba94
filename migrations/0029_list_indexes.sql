DROP INDEX "reports_status_idx";--> statement-breakpoint
DROP INDEX "reports_author_idx";--> statement-breakpoint
DROP INDEX "reports_territory_idx";--> statement-breakpoint
CREATE INDEX "reports_recent_idx" ON "reports" USING btree ("created_at","number");--> statement-breakpoint
CREATE INDEX "reports_public_recent_idx" ON "reports" USING btree ("created_at","number") WHERE is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected');--> statement-breakpoint
CREATE INDEX "reports_public_category_idx" ON "reports" USING btree ("category_id","created_at","number") WHERE is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected');--> statement-breakpoint
CREATE INDEX "reports_public_territory_idx" ON "reports" USING btree ("territory_id","created_at","number") WHERE is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected');--> statement-breakpoint
CREATE INDEX "reports_public_status_idx" ON "reports" USING btree ("status","created_at","number") WHERE is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected');--> statement-breakpoint
CREATE INDEX "reports_org_recent_idx" ON "reports" USING btree ("organisation_id","created_at","number");--> statement-breakpoint
CREATE INDEX "reports_org_open_idx" ON "reports" USING btree ("organisation_id","created_at","number") WHERE status IN ('assigned', 'reopened', 'in_progress', 'answer_drafted', 'answer_review');--> statement-breakpoint
CREATE INDEX "reports_curator_queue_idx" ON "reports" USING btree ("territory_id","created_at","number") WHERE status IN ('accepted', 'disputed');--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status","created_at","number");--> statement-breakpoint
CREATE INDEX "reports_author_idx" ON "reports" USING btree ("author_id","created_at","number");--> statement-breakpoint
CREATE INDEX "reports_territory_idx" ON "reports" USING btree ("territory_id","created_at","number");