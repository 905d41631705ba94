DROP INDEX "report_followers_uq";--> statement-breakpoint
ALTER TABLE "report_followers" ADD CONSTRAINT "report_followers_pk" PRIMARY KEY("report_id","user_id");
--> statement-breakpoint
-- hand-written: region moves
-- A region moves between Citus workers online by logical replication (citus_schema_move), which
-- refuses a table with neither a primary key nor a replica identity. The monthly analytics roll-ups
-- have no natural key (their cell columns may be NULL): the whole row identifies it. Harmless on a
-- single PostgreSQL and on PGlite (it only matters to logical replication).
ALTER TABLE "analytics_monthly" REPLICA IDENTITY FULL;--> statement-breakpoint
ALTER TABLE "analytics_monthly_answer_days" REPLICA IDENTITY FULL;
