ALTER TABLE "email_mailbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "event_rsvps" ADD COLUMN "manage_token_nonce" text NOT NULL;--> statement-breakpoint
ALTER TABLE "event_rsvps" ADD COLUMN "phone" text DEFAULT '' NOT NULL;