CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"is_working" boolean NOT NULL,
	"is_shortened" boolean DEFAULT false NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "moderation_hours" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "deadline_extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "deadline_extension_days" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "nearly_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "reports_due_idx" ON "reports" USING btree ("due_at");
--> statement-breakpoint
-- The shipped production calendars (src/modules/calendar/ru-calendar-data.ts); the admin edits them later.
INSERT INTO "calendar_years" ("year", "source", "note") VALUES
  (2026, 'decree', 'Постановление Правительства РФ от 24.09.2025 № 1466'),
  (2027, 'labour_code', 'По ст. 112 ТК РФ, без постановления о переносе выходных дней');
--> statement-breakpoint
INSERT INTO "calendar_days" ("day", "is_working", "is_shortened", "note") VALUES
  ('2026-01-01', false, false, 'Новогодние каникулы'),
  ('2026-01-02', false, false, 'Новогодние каникулы'),
  ('2026-01-03', false, false, 'Новогодние каникулы'),
  ('2026-01-04', false, false, 'Новогодние каникулы'),
  ('2026-01-05', false, false, 'Новогодние каникулы'),
  ('2026-01-06', false, false, 'Новогодние каникулы'),
  ('2026-01-08', false, false, 'Новогодние каникулы'),
  ('2026-01-07', false, false, 'Рождество Христово'),
  ('2026-01-09', false, false, 'Перенос с субботы 3 января'),
  ('2026-02-23', false, false, 'День защитника Отечества'),
  ('2026-03-08', false, false, 'Международный женский день'),
  ('2026-03-09', false, false, 'Перенос с воскресенья 8 марта'),
  ('2026-04-30', true, true, 'Предпраздничный день'),
  ('2026-05-01', false, false, 'Праздник Весны и Труда'),
  ('2026-05-08', true, true, 'Предпраздничный день'),
  ('2026-05-09', false, false, 'День Победы'),
  ('2026-05-11', false, false, 'Перенос с субботы 9 мая'),
  ('2026-06-11', true, true, 'Предпраздничный день'),
  ('2026-06-12', false, false, 'День России'),
  ('2026-11-03', true, true, 'Предпраздничный день'),
  ('2026-11-04', false, false, 'День народного единства'),
  ('2026-12-31', false, false, 'Перенос с воскресенья 4 января'),
  ('2027-01-01', false, false, 'Новогодние каникулы'),
  ('2027-01-02', false, false, 'Новогодние каникулы'),
  ('2027-01-03', false, false, 'Новогодние каникулы'),
  ('2027-01-04', false, false, 'Новогодние каникулы'),
  ('2027-01-05', false, false, 'Новогодние каникулы'),
  ('2027-01-06', false, false, 'Новогодние каникулы'),
  ('2027-01-07', false, false, 'Рождество Христово'),
  ('2027-01-08', false, false, 'Новогодние каникулы'),
  ('2027-02-22', true, true, 'Предпраздничный день'),
  ('2027-02-23', false, false, 'День защитника Отечества'),
  ('2027-03-08', false, false, 'Международный женский день'),
  ('2027-04-30', true, true, 'Предпраздничный день'),
  ('2027-05-01', false, false, 'Праздник Весны и Труда'),
  ('2027-05-03', false, false, 'Перенос: Праздник Весны и Труда (2027-05-01)'),
  ('2027-05-09', false, false, 'День Победы'),
  ('2027-05-10', false, false, 'Перенос: День Победы (2027-05-09)'),
  ('2027-06-11', true, true, 'Предпраздничный день'),
  ('2027-06-12', false, false, 'День России'),
  ('2027-06-14', false, false, 'Перенос: День России (2027-06-12)'),
  ('2027-11-03', true, true, 'Предпраздничный день'),
  ('2027-11-04', false, false, 'День народного единства'),
  ('2027-12-31', true, true, 'Предпраздничный день');
