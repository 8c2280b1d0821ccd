ALTER TABLE "signup_confirmations" ADD COLUMN "requested" jsonb;--> statement-breakpoint
ALTER TABLE "supporters" ADD COLUMN "links_valid_from" timestamp with time zone;