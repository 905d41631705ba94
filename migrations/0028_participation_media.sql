CREATE TABLE "participation_media" (
	"media_id" uuid PRIMARY KEY NOT NULL,
	"poll_id" uuid,
	"vote_item_id" uuid,
	"public" boolean NOT NULL,
	CONSTRAINT "participation_media_one_owner" CHECK (("participation_media"."poll_id" IS NULL) <> ("participation_media"."vote_item_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "participation_media" ADD CONSTRAINT "participation_media_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_media" ADD CONSTRAINT "participation_media_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_media" ADD CONSTRAINT "participation_media_vote_item_id_vote_items_id_fk" FOREIGN KEY ("vote_item_id") REFERENCES "vote_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participation_media_poll_idx" ON "participation_media" USING btree ("poll_id");--> statement-breakpoint
CREATE INDEX "participation_media_item_idx" ON "participation_media" USING btree ("vote_item_id");--> statement-breakpoint
-- hand-written: participation media
-- Uploads that polls and vote items used before this table existed: mark them as in use, so the
-- media sweep keeps them (public as their poll or item is). Written through a CTE (Citus).
WITH used AS (
  SELECT p.image_id AS media_id, p.id AS poll_id, NULL::uuid AS vote_item_id, p.status = 'published' AS public
  FROM polls p
  WHERE p.image_id IS NOT NULL AND EXISTS (SELECT 1 FROM media m WHERE m.id = p.image_id)
  UNION ALL
  SELECT ph.id, NULL::uuid, i.id, i.status = 'approved'
  FROM vote_items i, unnest(i.photo_ids) AS ph(id)
  WHERE EXISTS (SELECT 1 FROM media m WHERE m.id = ph.id)
), first_use AS (
  SELECT DISTINCT ON (media_id) media_id, poll_id, vote_item_id, public FROM used ORDER BY media_id
)
INSERT INTO participation_media (media_id, poll_id, vote_item_id, public)
SELECT media_id, poll_id, vote_item_id, public FROM first_use
ON CONFLICT (media_id) DO NOTHING;
