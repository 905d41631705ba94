-- The import's one statement inserts the claim (report_imports) before the report it references. On
-- PostgreSQL the foreign key is checked at the end of the statement; Citus runs each data-modifying
-- CTE as a statement of its own, so the key must wait for the commit. ALTER CONSTRAINT … DEFERRABLE
-- is refused on a distributed table: drop it and add it again.
ALTER TABLE "report_imports" DROP CONSTRAINT "report_imports_report_id_reports_id_fk";
--> statement-breakpoint
ALTER TABLE "report_imports" ADD CONSTRAINT "report_imports_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;
