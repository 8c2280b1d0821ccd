CREATE TABLE "supporter_segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supporter_segments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "supporter_tags" ADD COLUMN "added_by" integer;--> statement-breakpoint
ALTER TABLE "supporter_tags" ADD CONSTRAINT "supporter_tags_added_by_staff_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;