ALTER TABLE "categories" ADD COLUMN "photo_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_due_at" timestamp with time zone;