CREATE TABLE "content_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_type" text NOT NULL,
	"item_key" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"replaced_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"created_by_email" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "content_versions_item_idx" ON "content_versions" USING btree ("item_type","item_key","id");