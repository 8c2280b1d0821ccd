ALTER TABLE "petition_signatures" ADD COLUMN "token_nonce" text;
