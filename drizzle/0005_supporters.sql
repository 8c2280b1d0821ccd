CREATE TABLE "consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"supporter_id" integer NOT NULL,
	"topic" text NOT NULL,
	"granted" text NOT NULL,
	"wording_version" text NOT NULL,
	"method" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signup_confirmations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"supporter_id" integer NOT NULL,
	"topics" jsonb NOT NULL,
	"wording_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"supporter_id" integer NOT NULL,
	"topic" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_supporter_id_topic_pk" PRIMARY KEY("supporter_id","topic")
);
--> statement-breakpoint
CREATE TABLE "supporter_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"supporter_id" integer NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supporters" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"email_as_typed" text NOT NULL,
	"given_name" text DEFAULT '' NOT NULL,
	"family_name" text DEFAULT '' NOT NULL,
	"phone" text,
	"zip" text,
	"county" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"first_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supporters_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_confirmations" ADD CONSTRAINT "signup_confirmations_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supporter_events" ADD CONSTRAINT "supporter_events_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_supporter_idx" ON "consents" USING btree ("supporter_id","at");--> statement-breakpoint
CREATE INDEX "signup_confirmations_supporter_idx" ON "signup_confirmations" USING btree ("supporter_id","created_at");--> statement-breakpoint
CREATE INDEX "supporter_events_supporter_idx" ON "supporter_events" USING btree ("supporter_id","at");