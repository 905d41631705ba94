CREATE TABLE "organisation_profiles" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"kind" text,
	"description_ru" text,
	"description_en" text,
	"website" text,
	"office_address" text,
	"served_addresses" text[] DEFAULT '{}' NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"days_off" date[] DEFAULT '{}' NOT NULL,
	"observes_holidays" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_categories" (
	"article_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "knowledge_article_categories_article_id_category_id_pk" PRIMARY KEY("article_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_territories" (
	"article_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	CONSTRAINT "knowledge_article_territories_article_id_territory_id_pk" PRIMARY KEY("article_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_versions" (
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"category_ids" uuid[] NOT NULL,
	"territory_ids" uuid[] NOT NULL,
	"last_reviewed_on" date,
	"review_by" date,
	"edited_by" uuid,
	"edited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "knowledge_article_versions_article_id_version_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"locale" text NOT NULL,
	"translation_of" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_plain" text NOT NULL,
	"status" text NOT NULL,
	"last_reviewed_on" date,
	"review_by" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, title), 'A') || setweight(to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, body_plain), 'B')) STORED NOT NULL,
	"title_search" "tsvector" GENERATED ALWAYS AS (to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, title)) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"source" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_missed_searches" (
	"query" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_review_reminders" (
	"article_id" uuid NOT NULL,
	"review_by" date NOT NULL,
	"editor_id" uuid,
	"email_status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "knowledge_review_reminders_article_id_review_by_pk" PRIMARY KEY("article_id","review_by")
);
--> statement-breakpoint
CREATE TABLE "knowledge_terms" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_profiles" ADD CONSTRAINT "organisation_profiles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_categories" ADD CONSTRAINT "knowledge_article_categories_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_categories" ADD CONSTRAINT "knowledge_article_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_territories" ADD CONSTRAINT "knowledge_article_territories_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_territories" ADD CONSTRAINT "knowledge_article_territories_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_translation_of_knowledge_articles_id_fk" FOREIGN KEY ("translation_of") REFERENCES "knowledge_articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_feedback" ADD CONSTRAINT "knowledge_feedback_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_feedback" ADD CONSTRAINT "knowledge_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_review_reminders" ADD CONSTRAINT "knowledge_review_reminders_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_review_reminders" ADD CONSTRAINT "knowledge_review_reminders_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_ac_category_idx" ON "knowledge_article_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_gin" ON "knowledge_articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_search_gin" ON "knowledge_articles" USING gin ("title_search");--> statement-breakpoint
CREATE INDEX "knowledge_articles_review_idx" ON "knowledge_articles" USING btree ("status","review_by");--> statement-breakpoint
CREATE INDEX "knowledge_feedback_article_idx" ON "knowledge_feedback" USING btree ("article_id","helpful");--> statement-breakpoint
CREATE INDEX "knowledge_terms_trgm" ON "knowledge_terms" USING gist ("word" gist_trgm_ops);