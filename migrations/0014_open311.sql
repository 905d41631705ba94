CREATE TABLE "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"organisation_id" uuid,
	"service_user_id" uuid NOT NULL,
	"rate_limit_per_minute" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "category_attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"code" text NOT NULL,
	"datatype" text NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"variable" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 1 NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"values" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_client_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"report_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"api_client_id" uuid NOT NULL,
	"token" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"media_url" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_service_user_id_users_id_fk" FOREIGN KEY ("service_user_id") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_attributes" ADD CONSTRAINT "category_attributes_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_updates" ADD CONSTRAINT "inbound_updates_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_updates" ADD CONSTRAINT "inbound_updates_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_key_hash_uq" ON "api_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "category_attributes_code_uq" ON "category_attributes" USING btree ("category_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_updates_external_uq" ON "inbound_updates" USING btree ("api_client_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_uq" ON "open311_requests" USING btree ("token");--> statement-breakpoint
CREATE INDEX "open311_requests_client_idx" ON "open311_requests" USING btree ("api_client_id");