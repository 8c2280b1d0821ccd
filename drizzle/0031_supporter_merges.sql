CREATE TABLE "supporter_merges" (
	"id" serial PRIMARY KEY NOT NULL,
	"kept_id" integer NOT NULL,
	"merged_id" integer NOT NULL,
	"merged_person" jsonb NOT NULL,
	"kept_before" jsonb NOT NULL,
	"kept_written_at" timestamp (6) with time zone NOT NULL,
	"own" jsonb NOT NULL,
	"parts" jsonb NOT NULL,
	"timeline_event_id" bigint NOT NULL,
	"staff_id" integer,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supporter_merges" ADD CONSTRAINT "supporter_merges_kept_id_supporters_id_fk" FOREIGN KEY ("kept_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supporter_merges" ADD CONSTRAINT "supporter_merges_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supporter_merges_kept_idx" ON "supporter_merges" USING btree ("kept_id");--> statement-breakpoint
CREATE INDEX "supporter_merges_at_idx" ON "supporter_merges" USING btree ("merged_at");