CREATE INDEX "email_outbox_to_idx" ON "email_outbox" USING btree ("to_address");--> statement-breakpoint
CREATE INDEX "supporters_created_idx" ON "supporters" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "supporters_county_idx" ON "supporters" USING btree ("county");