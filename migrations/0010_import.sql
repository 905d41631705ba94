CREATE TABLE "report_imports" (
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"report_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_imports_source_external_id_pk" PRIMARY KEY("source","external_id")
);
--> statement-breakpoint
ALTER TABLE "report_imports" ADD CONSTRAINT "report_imports_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_imports_report_idx" ON "report_imports" USING btree ("report_id");