CREATE TABLE "privacy_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"locale" text NOT NULL,
	"email_hash" text NOT NULL,
	"email" text,
	"supporter_id" integer,
	"details" text,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"copy_token_hash" text,
	"copy_expires_at" timestamp with time zone,
	"copy_json_taken_at" timestamp with time zone,
	"copy_html_taken_at" timestamp with time zone,
	"requested_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"appeal_text" text,
	"appealed_at" timestamp with time zone,
	"appeal_decision" text,
	"appeal_reason" text,
	"appeal_decided_at" timestamp with time zone,
	CONSTRAINT "privacy_requests_confirm_token_hash_unique" UNIQUE("confirm_token_hash"),
	CONSTRAINT "privacy_requests_copy_token_hash_unique" UNIQUE("copy_token_hash")
);
--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_requests_email_hash" ON "privacy_requests" USING btree ("email_hash");--> statement-breakpoint
CREATE INDEX "privacy_requests_status" ON "privacy_requests" USING btree ("status");