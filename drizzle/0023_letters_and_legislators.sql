CREATE TABLE "agenda_bills" (
	"id" serial PRIMARY KEY NOT NULL,
	"session" text NOT NULL,
	"path" text DEFAULT '' NOT NULL,
	"bill_number" text DEFAULT '' NOT NULL,
	"title_en" text NOT NULL,
	"title_es" text DEFAULT '' NOT NULL,
	"position" text DEFAULT 'support' NOT NULL,
	"sponsor_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legislator_votes" (
	"bill_id" integer NOT NULL,
	"legislator_id" text NOT NULL,
	"vote" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legislator_votes_bill_id_legislator_id_pk" PRIMARY KEY("bill_id","legislator_id")
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"session" text PRIMARY KEY NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"grade_steps" jsonb DEFAULT '[{"atLeast":90,"grade":"A"},{"atLeast":80,"grade":"B"},{"atLeast":70,"grade":"C"},{"atLeast":60,"grade":"D"},{"atLeast":0,"grade":"F"}]'::jsonb NOT NULL,
	"absences_count" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_campaign_translations" (
	"campaign_id" integer NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"subject_matter" text DEFAULT '' NOT NULL,
	"talking_points_md" text DEFAULT '' NOT NULL,
	"subject" text NOT NULL,
	"greeting" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"closing" text DEFAULT '' NOT NULL,
	"story_prompt" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_campaign_translations_campaign_id_locale_pk" PRIMARY KEY("campaign_id","locale")
);
--> statement-breakpoint
CREATE TABLE "letter_campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"target_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"committee" text DEFAULT '' NOT NULL,
	"legislator_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"delivery_mode" text DEFAULT 'each' NOT NULL,
	"review_address" text NOT NULL,
	"live_delivery_at" timestamp with time zone,
	"live_delivery_by" integer,
	"allow_story" boolean DEFAULT false NOT NULL,
	"goal" integer,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_campaigns_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "letter_deliveries" (
	"letter_id" bigint NOT NULL,
	"legislator_id" text NOT NULL,
	"legislator_name" text NOT NULL,
	"chamber" text NOT NULL,
	"district" text NOT NULL,
	"to_address" text NOT NULL,
	"live" boolean NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"digest_day" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "letter_deliveries_letter_id_legislator_id_pk" PRIMARY KEY("letter_id","legislator_id")
);
--> statement-breakpoint
CREATE TABLE "letter_digests" (
	"campaign_id" integer NOT NULL,
	"legislator_id" text NOT NULL,
	"day" date NOT NULL,
	"letter_count" integer NOT NULL,
	"live" boolean NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_digests_campaign_id_legislator_id_day_pk" PRIMARY KEY("campaign_id","legislator_id","day")
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"supporter_id" integer NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"street" text NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"zip" text NOT NULL,
	"senate_district" text,
	"house_district" text,
	"found_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "legislator_votes" ADD CONSTRAINT "legislator_votes_bill_id_agenda_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."agenda_bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_campaign_translations" ADD CONSTRAINT "letter_campaign_translations_campaign_id_letter_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."letter_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_deliveries" ADD CONSTRAINT "letter_deliveries_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_digests" ADD CONSTRAINT "letter_digests_campaign_id_letter_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."letter_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_campaign_id_letter_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."letter_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_deliveries_legislator_idx" ON "letter_deliveries" USING btree ("legislator_id","digest_day");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_campaign_supporter_idx" ON "letters" USING btree ("campaign_id","supporter_id");--> statement-breakpoint
CREATE INDEX "letters_supporter_idx" ON "letters" USING btree ("supporter_id");