CREATE TABLE "supporter_import_rejections" (
	"import_id" integer NOT NULL,
	"row_number" integer NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "supporter_import_rejections_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "supporter_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"stored_file" text,
	"size_bytes" integer NOT NULL,
	"columns" jsonb NOT NULL,
	"mapping" jsonb,
	"update_existing" boolean DEFAULT false NOT NULL,
	"consent_topic" text DEFAULT 'newsletter' NOT NULL,
	"total_rows" integer,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"dry_run" jsonb,
	"outcome" jsonb,
	"error" text,
	"started_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "supporter_import_rejections" ADD CONSTRAINT "supporter_import_rejections_import_id_supporter_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."supporter_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supporter_imports" ADD CONSTRAINT "supporter_imports_started_by_staff_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;