ALTER TABLE "petition_signatures" ADD COLUMN "token_nonce" text;--> statement-breakpoint
-- Tokens were derived from the petition and the supporter; that pair is those signatures' nonce, so their emailed links keep working.
UPDATE "petition_signatures" SET "token_nonce" = "petition_id" || ':' || "supporter_id";
