CREATE TABLE "reference_import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"step" text DEFAULT 'reading' NOT NULL,
	"folder" text NOT NULL,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"found" jsonb,
	"changes" jsonb,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "reference_import_jobs" ADD CONSTRAINT "reference_import_jobs_started_by_staff_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reference_import_jobs_one_running" ON "reference_import_jobs" USING btree ("status") WHERE status = 'running';