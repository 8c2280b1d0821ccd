CREATE TABLE "stories" (
	"id" serial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"locale" text NOT NULL,
	"original_sealed" text NOT NULL,
	"teller_sealed" text NOT NULL,
	"email_hash" text,
	"publish_consent" text NOT NULL,
	"testimony_consent" boolean DEFAULT false NOT NULL,
	"contact_before_publishing" boolean DEFAULT false NOT NULL,
	"consent_wording_version" text NOT NULL,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL,
	"redacted_sealed" text,
	"title_sealed" text,
	"content_notes_sealed" text,
	"translation_sealed" text,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_as" text,
	"approved_by" integer,
	"published_at" timestamp with time zone,
	"for_testimony" boolean DEFAULT false NOT NULL,
	"deletion_token_hash" text,
	"consent_token_hash" text,
	"consent_asked_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stories_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "stories_deletion_token_hash_unique" UNIQUE("deletion_token_hash"),
	CONSTRAINT "stories_consent_token_hash_unique" UNIQUE("consent_token_hash")
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "stories_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_approved_by_staff_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_status_idx" ON "stories" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "stories_email_hash_idx" ON "stories" USING btree ("email_hash");--> statement-breakpoint
CREATE INDEX "stories_published_idx" ON "stories" USING btree ("published_at");