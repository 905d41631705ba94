CREATE TABLE "discussion_attachments" (
	"media_id" uuid PRIMARY KEY NOT NULL,
	"discussion_id" uuid NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "discussion_notices" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "initiative_notices" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "discussion_notices" CASCADE;--> statement-breakpoint
DROP TABLE "initiative_notices" CASCADE;--> statement-breakpoint
ALTER TABLE "media" ALTER COLUMN "thumb_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "discussion_attachments" ADD CONSTRAINT "discussion_attachments_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_attachments" ADD CONSTRAINT "discussion_attachments_discussion_id_discussions_id_fk" FOREIGN KEY ("discussion_id") REFERENCES "discussions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discussion_attachments_discussion_idx" ON "discussion_attachments" USING btree ("discussion_id","position");--> statement-breakpoint
CREATE INDEX "initiatives_media_idx" ON "initiatives" USING gin ("media_ids");