ALTER TABLE "object_works" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "object_works_external_uq" ON "object_works" USING btree ("external_id");